<?php
/* What every command group shares: the configuration, the parsed line and the output. */
declare(strict_types=1);

namespace TagCache\Cli;

abstract class Command
{
    public function __construct(
        protected readonly ?Config $config,
        protected readonly Arguments $args,
        protected readonly Output $out,
    ) {
    }

    protected function config(): Config
    {
        return $this->config ?? throw new ConfigError('no configuration: give --config FILE or set TAGCACHE_CONFIG');
    }

    /**
     * The exit code of a run over several targets: 0 when none failed, 1 when all did, 3 when
     * some did; a Failure carrying $details for the two last.
     * @param array<string, string> $failures target => reason
     */
    protected function outcome(string $what, int $total, array $failures, array $details = []): int
    {
        if (!$failures) {
            return ExitCode::OK;
        }
        $list = [];
        foreach ($failures as $target => $reason) {
            $list[] = "$target: $reason";
        }
        $all = count($failures) >= $total;
        throw new Failure(($all ? "$what failed" : count($failures) . " of $total $what failed") . ' (' . implode('; ', $list) . ')',
            $all ? ExitCode::FAILED : ExitCode::PARTIAL, $details + ['failures' => $failures]);
    }
}

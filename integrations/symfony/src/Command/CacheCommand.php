<?php
// What the tagcache console commands share: the CacheManager, the configured cache identifiers,
// the choice of caches by name (an unknown name is an error listing the configured ones) and
// the report of a flush that failed in some caches.

declare(strict_types=1);

namespace TagCache\Symfony\Command;

use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Style\SymfonyStyle;
use TagCache\CacheFlushException;
use TagCache\CacheManager;

abstract class CacheCommand extends Command
{
    /** @param list<string> $identifiers the caches configured under tagcache.caches */
    public function __construct(protected readonly CacheManager $manager, protected readonly array $identifiers)
    {
        parent::__construct(static::NAME);
    }

    /**
     * The caches named (all configured ones when none is), or null after reporting unknown ones.
     *
     * @param list<string> $names
     * @return list<string>|null
     */
    protected function select(array $names, SymfonyStyle $io): ?array
    {
        $unknown = array_values(array_diff($names, $this->identifiers));
        if ($unknown) {
            $io->error(\sprintf(
                'Unknown tagcache cache%s "%s" (configured: %s).',
                \count($unknown) > 1 ? 's' : '',
                implode('", "', $unknown),
                $this->identifiers ? '"' . implode('", "', $this->identifiers) . '"' : 'none',
            ));
            return null;
        }
        return $names ? array_values(array_unique($names)) : $this->identifiers;
    }

    /**
     * Runs $action on each cache, going on after a failure; reports every failure.
     *
     * @param list<string> $caches
     * @param callable(string): void $action
     */
    protected function each(array $caches, callable $action, SymfonyStyle $io): int
    {
        $failures = [];
        foreach ($caches as $identifier) {
            try {
                $action($identifier);
            } catch (\TagCache\Exception | \RuntimeException $e) {
                // a store that is down, and a cache configured wrongly (its options are checked
                // when first used): each reported, the others still reached
                $failures[$identifier] = $e;
            }
        }
        return $this->report($failures, $io);
    }

    /** @param array<string, \Throwable> $failures */
    protected function report(array $failures, SymfonyStyle $io): int
    {
        if (!$failures) {
            return Command::SUCCESS;
        }
        $lines = [];
        foreach ($failures as $identifier => $e) {
            $lines[] = \sprintf('%s: %s', $identifier, $e->getMessage());
        }
        $io->error(array_merge([\sprintf('%d cache%s failed:', \count($failures), \count($failures) > 1 ? 's' : '')], $lines));
        return Command::FAILURE;
    }

    /** @return array<string, \Throwable> */
    protected static function failuresOf(CacheFlushException $e): array
    {
        return $e->getFailures();
    }
}

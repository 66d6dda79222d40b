<?php
/*
 * What the command prints: text lines on stdout (none with --quiet), or with --json one JSON
 * document on stdout at the end (errors included); warnings, errors and the progress line of
 * long operations on stderr, so stdout stays parseable.
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class Output
{
    private const MAX_WARNINGS = 100;

    /** @var array<string, mixed> */
    private array $data = [];
    private bool $progressOpen = false;
    private bool $tty;

    /** @param resource $stdout @param resource $stderr */
    public function __construct(
        public readonly bool $json = false,
        public readonly bool $quiet = false,
        private readonly bool $progress = false,
        private $stdout = STDOUT,
        private $stderr = STDERR,
    ) {
        $this->tty = stream_isatty($this->stderr);
    }

    /** One line of the text report. */
    public function line(string $text = ''): void
    {
        if (!$this->json && !$this->quiet) {
            $this->endProgress();
            fwrite($this->stdout, $text . "\n");
        }
    }

    /** A value of the --json document. */
    public function set(string $key, mixed $value): void
    {
        $this->data[$key] = $value;
    }

    public function get(string $key): mixed
    {
        return $this->data[$key] ?? null;
    }

    /** A warning: on stderr in every mode, and in the --json document's "warnings". */
    public function warn(string $text): void
    {
        // a worker failing for days must not grow without bound: the JSON keeps the first ones
        if (count($this->data['warnings'] ?? []) < self::MAX_WARNINGS) {
            $this->data['warnings'][] = $text;
        } else {
            $this->data['warningsOmitted'] = ($this->data['warningsOmitted'] ?? 0) + 1;
        }
        $this->endProgress();
        fwrite($this->stderr, "tagcache: warning: $text\n");
    }

    /** Whether long operations report progress: stderr is a terminal, or --progress. */
    public function showsProgress(): bool
    {
        return $this->progress || ($this->tty && !$this->quiet);
    }

    /** The progress line: rewritten in place on a terminal, one line per step otherwise. */
    public function progress(string $text): void
    {
        if (!$this->showsProgress()) {
            return;
        }
        if ($this->tty) {
            fwrite($this->stderr, "\r\033[K" . $text);
            $this->progressOpen = true;
        } else {
            fwrite($this->stderr, $text . "\n");
        }
    }

    public function endProgress(): void
    {
        if ($this->progressOpen) {
            fwrite($this->stderr, "\n");
            $this->progressOpen = false;
        }
    }

    /** Ends the run: the JSON document, or the error on stderr. */
    public function finish(string $command, int $exit, ?string $error = null): void
    {
        $this->endProgress();
        if ($this->json) {
            $doc = ['command' => $command, 'ok' => $exit === ExitCode::OK, 'exit' => $exit];
            if ($error !== null) {
                $doc['error'] = $error;
            }
            $doc += $this->data;
            fwrite($this->stdout, json_encode($doc, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES
                | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR) . "\n");
            return;
        }
        if ($error !== null) {
            fwrite($this->stderr, "tagcache: $error\n");
        }
    }
}

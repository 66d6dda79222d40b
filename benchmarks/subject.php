<?php
/*
 * One implementation under test (tagcache, a peer or a floor) behind one shape, so every scenario
 * runs the same code against each. Floors have no tags: they ignore the tags they are given and
 * work on the identifiers the scenario names ($keys) where a tagged cache would look the tag up.
 */

final class Subject
{
    /**
     * @param Closure(string $key, string $value, list<string> $tags): void $set
     * @param Closure(string $key): mixed $get                 the value, or false/null on a miss
     * @param ?Closure(string $tag, list<string> $keys): mixed $getByTag   null: not in its API
     * @param ?Closure(string $tag, list<string> $keys): mixed $flushByTag null: not in its API
     * @param ?Closure(array<string, array{0: string, 1: list<string>}> $entries): void $fill  bulk load (untimed)
     * @param ?Closure(): int $footprint   what the stored entries occupy, in $footprintUnit
     * @param ?Closure(): void $close
     */
    public function __construct(
        public string $name,
        public string $kind,             // tagcache, peer or floor
        public Closure $set,
        public Closure $get,
        public ?Closure $getByTag = null,
        public ?Closure $flushByTag = null,
        public ?Closure $fill = null,
        public ?Closure $footprint = null,
        public string $footprintUnit = 'PHP heap + malloc',
        public ?Closure $close = null,
    ) {
        $this->footprint ??= static fn () => bench_process_memory();
    }

    /** @param array<string, array{0: string, 1: list<string>}> $entries */
    public function fill(array $entries): void
    {
        if ($this->fill) {
            ($this->fill)($entries);
            return;
        }
        $set = $this->set;
        foreach ($entries as $key => [$value, $tags]) {
            $set($key, $value, $tags);
        }
    }

    public function close(): void
    {
        if ($this->close) {
            ($this->close)();
            $this->close = null;
        }
    }
}

/**
 * A storage family (file system, process memory, Redis): the tagcache subject the ratios refer
 * to, its peers and its floors, each built fresh per scenario by a factory.
 */
final class Group
{
    /** @var array<string, Closure(): Subject> */
    public array $factories = [];
    /** @var list<string> */
    public array $notes = [];

    public function __construct(public string $name, public string $title)
    {
    }

    public function add(string $label, callable $factory): void
    {
        $this->factories[$label] = Closure::fromCallable($factory);
    }

    public function skip(string $label, string $why): void
    {
        $this->notes[] = "$label: skipped — $why";
    }
}

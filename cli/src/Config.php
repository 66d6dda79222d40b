<?php
/*
 * The configuration file: a PHP file returning an array (cli/README.md shows one). Loading
 * checks every top-level key and its type, so a mistake is reported with the file, the key
 * and the rule before anything is touched; the objects (CacheManager, VarnishClient, Bus,
 * Node) are built on first use and their own validation errors are reported the same way.
 */
declare(strict_types=1);

namespace TagCache\Cli;

use TagCache\Bus\Bus;
use TagCache\Bus\Node;
use TagCache\CacheManager;
use TagCache\Http\VarnishClient;

final class Config
{
    /** The top-level keys and what each must be. */
    public const KEYS = [
        'caches' => 'an array of cache configurations (as CacheManager takes them)',
        'manager' => 'an array of CacheManager options',
        'proxies' => 'a list of proxy addresses ("host:port") as strings',
        'proxyOptions' => 'an array of VarnishClient options',
        'bus' => 'an array of TagCache\Bus\Bus options',
        'node' => 'an array with "name" (string) and optional "options" (array of Node options)',
        'warmers' => 'an array of warmer id => callable, or name of a class with __invoke(CacheManager)',
        'fpm' => 'an array with "socket" (unix path or host:port) and optional "scriptDir" (string)',
    ];

    private ?CacheManager $manager = null;

    /** @param array<string, mixed> $values */
    private function __construct(public readonly string $file, private readonly array $values)
    {
    }

    /** The file from --config, else $TAGCACHE_CONFIG; a ConfigError when neither is given. */
    public static function locate(?string $option): string
    {
        if ($option !== null && $option !== '') {
            return $option;
        }
        $env = getenv('TAGCACHE_CONFIG');
        if ($env !== false && $env !== '') {
            return $env;
        }
        throw new ConfigError('no configuration: give --config FILE or set TAGCACHE_CONFIG');
    }

    public static function load(string $file): self
    {
        if (!file_exists($file)) {
            throw new ConfigError("configuration file $file does not exist");
        }
        if (!is_file($file)) {
            throw new ConfigError("configuration file $file is not a file");
        }
        if (!is_readable($file)) {
            throw new ConfigError("configuration file $file cannot be read");
        }
        $path = realpath($file) ?: $file;
        // anything the file prints goes to stderr: stdout carries the report (JSON with --json)
        ob_start();
        try {
            $values = (static fn (string $f): mixed => require $f)($path);
        } catch (\ParseError $e) {
            throw new ConfigError("configuration file $file: PHP syntax error on line {$e->getLine()}: {$e->getMessage()}");
        } catch (\Throwable $e) {
            throw new ConfigError("configuration file $file threw " . get_class($e) . ": {$e->getMessage()}");
        } finally {
            $printed = (string)ob_get_clean();
            if ($printed !== '') {
                fwrite(STDERR, $printed);
            }
        }
        if (!is_array($values)) {
            throw new ConfigError("configuration file $file must return an array; it returned " . get_debug_type($values));
        }
        $config = new self($file, $values);
        $config->validate();
        return $config;
    }

    private function validate(): void
    {
        foreach ($this->values as $key => $value) {
            if (!isset(self::KEYS[$key])) {
                throw ConfigError::at($this->file, (string)$key, 'is unknown; the keys are ' . implode(', ', array_keys(self::KEYS)));
            }
            if (!is_array($value)) {
                throw ConfigError::at($this->file, $key, 'must be ' . self::KEYS[$key] . '; got ' . get_debug_type($value));
            }
        }
        foreach ($this->values['proxies'] ?? [] as $i => $proxy) {
            if (!is_string($proxy) || $proxy === '') {
                throw ConfigError::at($this->file, "proxies[$i]", 'must be a proxy address ("host:port") as a non-empty string; got ' . get_debug_type($proxy));
            }
        }
        if (isset($this->values['node'])) {
            $node = $this->values['node'];
            foreach (array_keys($node) as $k) {
                if ($k !== 'name' && $k !== 'options') {
                    throw ConfigError::at($this->file, "node.$k", 'is unknown; node takes "name" and "options"');
                }
            }
            if (!is_string($node['name'] ?? null) || $node['name'] === '') {
                throw ConfigError::at($this->file, 'node.name', 'must be a non-empty string (the node\'s name, unique per server and application); got ' . get_debug_type($node['name'] ?? null));
            }
            if (isset($node['options']) && !is_array($node['options'])) {
                throw ConfigError::at($this->file, 'node.options', 'must be an array of Node options; got ' . get_debug_type($node['options']));
            }
        }
        foreach ($this->values['warmers'] ?? [] as $id => $warmer) {
            if ($warmer instanceof \Closure || (is_array($warmer) && is_callable($warmer))) {
                continue;
            }
            if (is_string($warmer) && (is_callable($warmer) || (class_exists($warmer) && method_exists($warmer, '__invoke')))) {
                continue;
            }
            throw ConfigError::at($this->file, "warmers.$id", 'must be a callable or the name of a class with __invoke(CacheManager); got '
                . (is_string($warmer) ? "\"$warmer\" (no such function or invokable class)" : get_debug_type($warmer)));
        }
        if (isset($this->values['fpm'])) {
            foreach ($this->values['fpm'] as $k => $v) {
                if ($k !== 'socket' && $k !== 'scriptDir') {
                    throw ConfigError::at($this->file, "fpm.$k", 'is unknown; fpm takes "socket" and "scriptDir"');
                }
                if (!is_string($v) || $v === '') {
                    throw ConfigError::at($this->file, "fpm.$k", 'must be a non-empty string; got ' . get_debug_type($v));
                }
            }
        }
    }

    public function has(string $key): bool
    {
        return isset($this->values[$key]);
    }

    /** @return array<string, mixed> */
    public function get(string $key): array
    {
        return $this->values[$key] ?? [];
    }

    public function manager(): CacheManager
    {
        return $this->manager ??= $this->build('caches', fn () => new CacheManager($this->get('caches'), $this->get('manager')));
    }

    /** One cache; an unknown identifier is a UsageError listing the caches. */
    public function cache(string $identifier): \TagCache\Frontend\FrontendInterface
    {
        $manager = $this->manager();
        if (!in_array($identifier, $this->cacheIdentifiers(), true) && !$manager->hasCache($identifier)) {
            throw new UsageError("no cache \"$identifier\" in configuration {$this->file}; its caches: "
                . (implode(', ', $this->cacheIdentifiers()) ?: 'none'));
        }
        return $this->build("caches.$identifier", fn () => $manager->getCache($identifier));
    }

    /** The cache identifiers, in configuration order ("Default" is a template, not a cache). */
    public function cacheIdentifiers(): array
    {
        return array_values(array_filter(array_map('strval', array_keys($this->get('caches'))), fn ($id) => $id !== 'Default'));
    }

    /** @return list<string> */
    public function proxies(): array
    {
        return array_values($this->get('proxies'));
    }

    public function varnish(): VarnishClient
    {
        if (!$this->proxies()) {
            throw ConfigError::at($this->file, 'proxies', 'is needed for this command (a list of "host:port")');
        }
        return $this->build('proxyOptions', fn () => new VarnishClient($this->proxies(), $this->get('proxyOptions')));
    }

    public function bus(): Bus
    {
        if (!$this->has('bus')) {
            throw ConfigError::at($this->file, 'bus', 'is needed for this command (an array of TagCache\Bus\Bus options, [] for the defaults)');
        }
        return $this->build('bus', fn () => new Bus($this->get('bus')));
    }

    public function node(Bus $bus): Node
    {
        if (!$this->has('node')) {
            throw ConfigError::at($this->file, 'node', 'is needed for this command (["name" => ..., "options" => [...]])');
        }
        $node = $this->get('node');
        $options = ($node['options'] ?? []) + ($this->has('proxyOptions') ? ['proxyOptions' => $this->get('proxyOptions')] : []);
        $manager = $this->get('caches') ? $this->manager() : null;
        return $this->build('node', fn () => new Node($bus, $node['name'], $manager, $this->proxies(), $options));
    }

    /** Builds an object from the configuration; a bad value becomes a ConfigError naming $key. */
    private function build(string $key, callable $make): mixed
    {
        try {
            return $make();
        } catch (\TagCache\InvalidArgumentException|\InvalidArgumentException|\ValueError|\TypeError $e) {
            throw ConfigError::at($this->file, $key, 'is invalid: ' . $e->getMessage());
        }
    }
}

<?php
/*
 * What every bridge backend shares: it holds one native tagcache backend, binds it to a native
 * frontend named like Flow's cache when Flow calls setCache(), and translates between Flow's
 * contracts (EnvironmentConfiguration, Flow's PhpFrontend code shape, Neos exceptions) and the
 * native ones. Subclasses say which native class they wrap and how Flow's options map onto it.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\BackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\EnvironmentConfiguration;
use Neos\Cache\Exception;
use Neos\Cache\Frontend\FrontendInterface;
use Neos\Cache\Frontend\PhpFrontend;
use Neos\Cache\Frontend\StringFrontend;
use Neos\Cache\Frontend\VariableFrontend;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Frontend\FrontendInterface as NativeFrontendInterface;
use TagCache\Frontend\PhpFrontend as NativePhpFrontend;
use TagCache\Frontend\StringFrontend as NativeStringFrontend;

abstract class NativeBackend implements BackendInterface
{
    /**
     * Stored in front of data that is not PHP code in a code cache. Code keeps its "<?php" line
     * minus the tag, so it starts with white space (the tag must be followed by one); this
     * marker never does, and it stops the engine should such an entry ever be included.
     */
    private const DATA_MARKER = '__halt_compiler();';

    /** Untyped and named as in Flow's AbstractBackend: Flow's tests inject it by name. */
    protected $environmentConfiguration;

    /** @var FrontendInterface|null the Flow frontend, as Flow's AbstractBackend keeps it */
    protected $cache;

    /** @var string|null */
    protected $cacheIdentifier;

    /** @var string Flow's prefix: md5(application identifier):cache identifier: */
    protected $identifierPrefix = '';

    /** @var array<string, mixed> the options as Caches.yaml gave them */
    protected $options = [];

    /** @var NativeBackendInterface|null the native backend, bound once setCache() ran */
    private $native;

    /** @var \TagCache\Frontend\FrontendInterface|null the native frontend the native backend serves */
    private $binding;

    /** @var bool whether the native backend is bound (setCache() ran) */
    private $bound = false;

    /** @var bool entries are PHP code included by requireOnce() (see setCache()) */
    private $codeMode = false;

    /** @var bool the native backend was bound to a PhpFrontend (its directory: Code, not Data) */
    private $phpFrontend = false;

    /** @var bool the native iterator was rewound since binding (Flow's iterators rewind lazily) */
    private $rewound = false;

    /**
     * Options Flow takes as int|string (settings from %env(...)% arrive as strings): a string of
     * digits becomes the int it spells; anything else reaches the native check as it is.
     */
    protected const INTEGER_OPTIONS = ['defaultLifetime'];

    /**
     * Flow's CacheFactory calls new $class($environmentConfiguration, $options). The options are
     * checked here, by building the native backend, so a bad Caches.yaml fails when the cache
     * is built, with the native backend's message naming the option and its rule.
     */
    public function __construct(?EnvironmentConfiguration $environmentConfiguration = null, array $options = [])
    {
        $this->environmentConfiguration = $environmentConfiguration;
        foreach (static::INTEGER_OPTIONS as $name) {
            $value = $options[$name] ?? null;
            if (is_string($value) && preg_match('/^[0-9]{1,18}$/', $value) === 1) {
                $options[$name] = (int)$value;
            }
        }
        $this->options = $options;
        $this->native = $this->createNative(false);
    }

    /** The native backend class and its options, from Flow's options and environment. */
    abstract protected function createNative(bool $codeCache): NativeBackendInterface;

    /**
     * Binds this backend to Flow's frontend. The native backend is bound to a native frontend of
     * the same identifier: a PhpFrontend (entries are code, included through the engine so
     * OPcache serves them) unless Flow's frontend is a Variable or String frontend (entries are
     * data). Flow's FileBackend accepts code and data in one cache; so does the code mode here.
     * Called again for the same cache (Flow allows it), it keeps the native backend and so the
     * entries, as Flow's backends do; for another cache it binds a fresh native backend.
     */
    public function setCache(FrontendInterface $cache): void
    {
        // Flow's frontends refuse an empty identifier; only test doubles (whose getIdentifier()
        // answers null) have none: they get "_".
        $identifier = (string)$cache->getIdentifier();
        $identifier = $identifier === '' ? '_' : $identifier;
        $codeMode = $this instanceof PhpCapableBackendInterface && ($cache instanceof PhpFrontend
            || !($cache instanceof VariableFrontend || $cache instanceof StringFrontend));
        if ($this->bound && $identifier === $this->cacheIdentifier && $codeMode === $this->codeMode && ($cache instanceof PhpFrontend) === $this->phpFrontend) {
            $this->cache = $cache;
            return;
        }
        $this->cache = $cache;
        $this->cacheIdentifier = $identifier;
        $applicationIdentifier = $this->environmentConfiguration instanceof EnvironmentConfiguration ? $this->environmentConfiguration->getApplicationIdentifier() : '';
        $this->identifierPrefix = md5($applicationIdentifier) . ':' . $this->cacheIdentifier . ':';
        $this->codeMode = $codeMode;
        try {
            $native = $this->createNative($cache instanceof PhpFrontend);
            // Kept for the backend's lifetime: the native backend belongs to this frontend.
            $binding = $this->codeMode
                ? new NativePhpFrontend($this->cacheIdentifier, $native)
                : new NativeStringFrontend($this->cacheIdentifier, $native);
        } catch (\TagCache\BackendException $e) {
            throw new Exception($e->getMessage(), 1732990002, $e);
        }
        $this->native = $native;
        $this->binding = $binding;
        $this->bound = true;
        $this->phpFrontend = $cache instanceof PhpFrontend;
        $this->rewound = false;
    }

    public function getPrefixedIdentifier(string $entryIdentifier): string
    {
        return $this->identifierPrefix . $entryIdentifier;
    }

    public function set(string $entryIdentifier, string $data, array $tags = [], int $lifetime = null): void
    {
        if ($lifetime !== null && $lifetime < 0) {
            // Flow takes a negative lifetime as "already expired": the entry reads as a miss
            // at once, which removing the old one gives without storing a dead entry.
            $this->bound($entryIdentifier)->remove($entryIdentifier);
            return;
        }
        $this->bound($entryIdentifier)->set($entryIdentifier, $this->encode($data), $tags, $lifetime);
    }

    /** @return string|false false before setCache() too, as Flow's backends answer */
    public function get(string $entryIdentifier)
    {
        if (!$this->bound) {
            $this->checkIdentifier($entryIdentifier);
            return false;
        }
        $data = $this->native->get($entryIdentifier);
        return $data === false ? false : $this->decode($data);
    }

    /** false before setCache() too, as Flow's backends answer */
    public function has(string $entryIdentifier): bool
    {
        if (!$this->bound) {
            $this->checkIdentifier($entryIdentifier);
            return false;
        }
        return $this->native->has($entryIdentifier);
    }

    /** false before setCache() too (nothing to remove), as Flow's file backends answer */
    public function remove(string $entryIdentifier): bool
    {
        if (!$this->bound) {
            $this->checkIdentifier($entryIdentifier);
            return false;
        }
        return $this->native->remove($entryIdentifier);
    }

    public function flush(): void
    {
        $this->bound()->flush();
    }

    public function collectGarbage(): void
    {
        $this->bound()->collectGarbage();
    }

    /** The native backend, once bound; Flow's backends throw this Exception before setCache(). */
    protected function bound(?string $entryIdentifier = null): NativeBackendInterface
    {
        if (!$this->bound) {
            if ($entryIdentifier !== null) {
                $this->checkIdentifier($entryIdentifier);
            }
            throw new Exception('No cache frontend has been set yet via setCache().', 1238244992);
        }
        return $this->native;
    }

    /** Flow's backends judge the identifier first; so does this one before setCache() (once bound, the native backend checks it). */
    private function checkIdentifier(string $entryIdentifier): void
    {
        if (preg_match(NativeFrontendInterface::PATTERN_ENTRYIDENTIFIER, $entryIdentifier) !== 1) {
            throw new \InvalidArgumentException(sprintf('Entry identifier "%s" does not match %s', $entryIdentifier, NativeFrontendInterface::PATTERN_ENTRYIDENTIFIER), 1732990006);
        }
    }

    /** The native backend once bound, else null. */
    protected function nativeOrNull(): ?NativeBackendInterface
    {
        return $this->bound ? $this->native : null;
    }

    /** The native backend, bound or not (setup() runs before setCache() in Flow). */
    protected function nativeUnbound(): ?NativeBackendInterface
    {
        return $this->native;
    }

    /** Flow's environment, or null when the backend was built without one. */
    protected function environment(): ?EnvironmentConfiguration
    {
        return $this->environmentConfiguration instanceof EnvironmentConfiguration ? $this->environmentConfiguration : null;
    }

    /** The applicationIdentifier option for shared stores: Flow's md5 of its application identifier. */
    protected function applicationIdentifier(): string
    {
        $environment = $this->environment();
        return md5($environment !== null ? $environment->getApplicationIdentifier() : '');
    }

    /** Turns what Flow stores into what the native backend stores (see DATA_MARKER). */
    private function encode(string $data): string
    {
        if (!$this->codeMode) {
            return $data;
        }
        if (preg_match('/^<\?php(?:\s|$)/', $data) === 1) {
            return substr($data, 5);
        }
        return self::DATA_MARKER . $data;
    }

    private function decode(string $stored): string
    {
        if (!$this->codeMode) {
            return $stored;
        }
        if (str_starts_with($stored, self::DATA_MARKER)) {
            return substr($stored, strlen(self::DATA_MARKER));
        }
        return '<?php' . $stored;
    }

    /** Includes an entry through the engine (native requireOnce), so OPcache serves it. */
    protected function nativeRequireOnce(string $entryIdentifier): mixed
    {
        return $this->bound($entryIdentifier)->requireOnce($entryIdentifier);
    }

    // Iteration (for the subclasses implementing IterableBackendInterface)

    /** @return string|false */
    public function current(): mixed
    {
        $data = $this->iterator()->current();
        return is_string($data) ? $this->decode($data) : $data;
    }

    public function key(): mixed
    {
        return $this->iterator()->key();
    }

    public function next(): void
    {
        $this->iterator()->next();
    }

    public function rewind(): void
    {
        $this->bound()->rewind();
        $this->rewound = true;
    }

    public function valid(): bool
    {
        return $this->iterator()->valid();
    }

    /** The native backend as an iterator, rewound first if nobody did (Flow's rewind lazily). */
    private function iterator(): NativeBackendInterface
    {
        $native = $this->bound();
        if (!$this->rewound) {
            $native->rewind();
            $this->rewound = true;
        }
        return $native;
    }
}

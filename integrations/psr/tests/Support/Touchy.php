<?php
// A value whose serialization or unserialization throws an \Error once the test says so, as a
// class changed between a write and a read may: what the adapters must survive and log.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

final class Touchy
{
    /** @var list<string> names of the values whose __serialize() throws */
    public static array $failSerialize = [];
    /** @var list<string> names of the values whose __unserialize() throws */
    public static array $failUnserialize = [];

    public function __construct(public string $name = '')
    {
    }

    public function __serialize(): array
    {
        if (\in_array($this->name, self::$failSerialize, true)) {
            throw new \Error("cannot serialize $this->name");
        }
        return ['name' => $this->name];
    }

    public function __unserialize(array $data): void
    {
        if (\in_array($data['name'], self::$failUnserialize, true)) {
            throw new \Error("cannot unserialize {$data['name']}");
        }
        $this->name = $data['name'];
    }

    public static function reset(): void
    {
        self::$failSerialize = self::$failUnserialize = [];
    }
}

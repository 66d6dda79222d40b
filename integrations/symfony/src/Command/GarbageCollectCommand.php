<?php
// tagcache:gc [cache]...: removes expired entries (and their tag links) from the named caches,
// or from every configured cache.

declare(strict_types=1);

namespace TagCache\Symfony\Command;

use Symfony\Component\Console\Attribute\AsCommand;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Component\Console\Style\SymfonyStyle;

#[AsCommand(name: self::NAME, description: 'Collects the garbage of tagcache caches')]
final class GarbageCollectCommand extends CacheCommand
{
    public const NAME = 'tagcache:gc';

    protected function configure(): void
    {
        $this
            ->setDescription('Collects the garbage of tagcache caches')
            ->addArgument('caches', InputArgument::IS_ARRAY, 'Cache identifiers (default: every cache)');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $io = new SymfonyStyle($input, $output);
        $caches = $this->select($input->getArgument('caches'), $io);
        if ($caches === null) {
            return self::INVALID;
        }
        $status = $this->each($caches, fn (string $id) => $this->manager->getCache($id)->collectGarbage(), $io);
        if ($status === self::SUCCESS) {
            $io->success($caches ? \sprintf('Collected the garbage of %s.', implode(', ', $caches)) : 'No tagcache cache is configured.');
        }
        return $status;
    }
}

<?php
// tagcache:flush [cache]...: empties the named caches, or every configured cache but the
// persistent ones (--include-persistent: those too).

declare(strict_types=1);

namespace TagCache\Symfony\Command;

use Symfony\Component\Console\Attribute\AsCommand;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Component\Console\Style\SymfonyStyle;
use TagCache\CacheFlushException;

#[AsCommand(name: self::NAME, description: 'Flushes tagcache caches')]
final class FlushCommand extends CacheCommand
{
    public const NAME = 'tagcache:flush';

    protected function configure(): void
    {
        $this
            ->setDescription('Flushes tagcache caches')
            ->addArgument('caches', InputArgument::IS_ARRAY, 'Cache identifiers (default: every cache but the persistent ones)')
            ->addOption('include-persistent', null, InputOption::VALUE_NONE, 'Without cache names: flush the persistent caches too');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $io = new SymfonyStyle($input, $output);
        $names = $input->getArgument('caches');
        $caches = $this->select($names, $io);
        if ($caches === null) {
            return self::INVALID;
        }
        if (!$names) {
            try {
                $this->manager->flushCaches((bool) $input->getOption('include-persistent'));
            } catch (CacheFlushException $e) {
                return $this->report(self::failuresOf($e), $io);
            }
            $io->success($input->getOption('include-persistent') ? 'Flushed every tagcache cache.' : 'Flushed every tagcache cache but the persistent ones.');
            return self::SUCCESS;
        }
        $status = $this->each($caches, fn (string $id) => $this->manager->getCache($id)->flush(), $io);
        if ($status === self::SUCCESS) {
            $io->success(\sprintf('Flushed %s.', implode(', ', $caches)));
        }
        return $status;
    }
}

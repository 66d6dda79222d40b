<?php
// tagcache:list: the configured caches with their frontend, backend and whether they are
// persistent (skipped by flushes of all caches unless asked for).

declare(strict_types=1);

namespace TagCache\Symfony\Command;

use Symfony\Component\Console\Attribute\AsCommand;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Component\Console\Style\SymfonyStyle;

#[AsCommand(name: self::NAME, description: 'Lists the tagcache caches')]
final class ListCachesCommand extends CacheCommand
{
    public const NAME = 'tagcache:list';

    protected function configure(): void
    {
        $this->setDescription('Lists the tagcache caches');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $io = new SymfonyStyle($input, $output);
        $configurations = $this->manager->getCacheConfigurations();
        $default = $configurations['Default'] ?? [];
        $rows = [];
        foreach ($this->identifiers as $identifier) {
            $configuration = ($configurations[$identifier] ?? []) + $default;
            $rows[] = [
                $identifier,
                $configuration['frontend'] ?? 'VariableFrontend',
                $configuration['backend'] ?? 'FileBackend',
                !empty($configuration['persistent']) ? 'yes' : 'no',
            ];
        }
        if (!$rows) {
            $io->writeln('No tagcache cache is configured (tagcache.caches).');
            return self::SUCCESS;
        }
        $io->table(['Cache', 'Frontend', 'Backend', 'Persistent'], $rows);
        return self::SUCCESS;
    }
}

<?php
// tagcache:invalidate-tags <tag>...: flushes the entries carrying any of the tags in every
// configured cache (persistent ones only with --include-persistent) or in the --cache ones.
// Tags are named as the application names them in Symfony pools (encoded with KeyCodec, as the
// pools store them); --raw takes them as tagcache tags, as given to a frontend's set().

declare(strict_types=1);

namespace TagCache\Symfony\Command;

use Symfony\Component\Console\Attribute\AsCommand;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Component\Console\Style\SymfonyStyle;
use TagCache\CacheFlushException;
use TagCache\Frontend\FrontendInterface;
use TagCache\Psr\KeyCodec;

#[AsCommand(name: self::NAME, description: 'Flushes the entries carrying the given tags from tagcache caches')]
final class InvalidateTagsCommand extends CacheCommand
{
    public const NAME = 'tagcache:invalidate-tags';

    protected function configure(): void
    {
        $this
            ->setDescription('Flushes the entries carrying the given tags from tagcache caches')
            ->addArgument('tags', InputArgument::IS_ARRAY | InputArgument::REQUIRED, 'Tags, as the application names them')
            ->addOption('cache', 'c', InputOption::VALUE_REQUIRED | InputOption::VALUE_IS_ARRAY, 'Only these caches (default: every cache)')
            ->addOption('raw', null, InputOption::VALUE_NONE, 'The tags are tagcache tags, used as they are (not encoded)')
            ->addOption('include-persistent', null, InputOption::VALUE_NONE, 'Without --cache: the persistent caches too');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $io = new SymfonyStyle($input, $output);
        $names = $input->getOption('cache');
        $caches = $this->select($names, $io);
        if ($caches === null) {
            return self::INVALID;
        }
        $tags = [];
        foreach ($input->getArgument('tags') as $tag) {
            $tags[] = $input->getOption('raw') ? $tag : KeyCodec::encode($tag);
        }
        foreach ($tags as $tag) {
            if (!preg_match(FrontendInterface::PATTERN_TAG, $tag)) {
                $io->error(\sprintf('"%s" is not a tagcache tag: it must match %s (without --raw tags are encoded to match).', $tag, FrontendInterface::PATTERN_TAG));
                return self::INVALID;
            }
        }
        $removed = 0;
        if (!$names) {
            try {
                $removed = $this->manager->flushCachesByTags($tags, (bool) $input->getOption('include-persistent'));
            } catch (CacheFlushException $e) {
                return $this->report(self::failuresOf($e), $io);
            }
        } else {
            $status = $this->each($caches, function (string $id) use ($tags, &$removed) {
                $removed += $this->manager->getCache($id)->flushByTags($tags);
            }, $io);
            if ($status !== self::SUCCESS) {
                return $status;
            }
        }
        $io->success(\sprintf('Invalidated %s: %d entr%s removed.', implode(', ', $input->getArgument('tags')), $removed, $removed === 1 ? 'y' : 'ies'));
        return self::SUCCESS;
    }
}

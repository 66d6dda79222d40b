<?php
/* A bad command line (unknown command or option, missing argument): exit code 2. */
declare(strict_types=1);

namespace TagCache\Cli;

class UsageError extends \RuntimeException
{
}

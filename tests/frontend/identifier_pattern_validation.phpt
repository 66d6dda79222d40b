--TEST--
Frontend: isValidEntryIdentifier / isValidTag follow /^[a-zA-Z0-9_%\-&]{1,250}$/ (250 ok, 251 not)
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\FrontendInterface;

$cache = new VariableFrontend('pattern', new TransientMemoryBackend());
var_dump(FrontendInterface::PATTERN_ENTRYIDENTIFIER, FrontendInterface::PATTERN_TAG);

$cases = [
    'plain' => 'abcXYZ019',
    'underscore_dash' => 'a_b-c',
    'percent_amp' => 'a%b&c',
    'numeric' => '123',
    'len250' => str_repeat('a', 250),
    'len251' => str_repeat('a', 251),
    'empty' => '',
    'slash' => 'a/b',
    'dot' => 'a.b',
    'dotdot' => '..',
    'colon' => 'a:b',
    'space' => 'a b',
    'nul' => "a\0b",
    'non_ascii' => "caf\u{e9}",
    'newline' => "a\n",
    'backslash' => 'a\\b',
];
foreach ($cases as $name => $value) {
    $id = $cache->isValidEntryIdentifier($value);
    $tag = $cache->isValidTag($value);
    // D: "$" must not match before a trailing newline (the extension is strict there)
    $re = (bool)preg_match(FrontendInterface::PATTERN_ENTRYIDENTIFIER . "D", $value);
    printf("%-16s id=%s tag=%s%s\n", $name, var_export($id, true), var_export($tag, true),
        $id === $re && $tag === $re ? '' : ' MISMATCH WITH PATTERN');
}
?>
--EXPECT--
string(27) "/^[a-zA-Z0-9_%\-&]{1,250}$/"
string(27) "/^[a-zA-Z0-9_%\-&]{1,250}$/"
plain            id=true tag=true
underscore_dash  id=true tag=true
percent_amp      id=true tag=true
numeric          id=true tag=true
len250           id=true tag=true
len251           id=false tag=false
empty            id=false tag=false
slash            id=false tag=false
dot              id=false tag=false
dotdot           id=false tag=false
colon            id=false tag=false
space            id=false tag=false
nul              id=false tag=false
non_ascii        id=false tag=false
newline          id=false tag=false
backslash        id=false tag=false

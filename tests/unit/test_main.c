/* Runs every suite and prints the summary line the build scripts look for. */
#include <stdio.h>

extern int tu_passed;
extern int tu_failed;

void tu_suite_core(void);
void tu_suite_file(void);
void tu_suite_simple_file(void);
void tu_suite_memory(void);
void tu_suite_null(void);

int main(void)
{
	tu_suite_core();
	tu_suite_file();
	tu_suite_simple_file();
	tu_suite_memory();
	tu_suite_null();
	printf("%d passed, %d failed\n", tu_passed, tu_failed);
	return tu_failed ? 1 : 0;
}

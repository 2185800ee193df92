#include <stdio.h>

int widget_print(const char *name)
{
    return printf("%s\n", name);
}

/*
 * This is a public domain general purpose hash table package written by
 * Pat Example.
 */

#include <stdlib.h>

struct table { int size; };

struct table *table_new(int size)
{
    struct table *t = malloc(sizeof *t);
    if (t) {
        t->size = size;
    }
    return t;
}

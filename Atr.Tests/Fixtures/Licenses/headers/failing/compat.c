/*
 * compat.c: portability helpers
 *
 * Copyright (C) 2002 Robin Example
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

int widget_compat(void)
{
    return 0;
}

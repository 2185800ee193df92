// SPDX-License-Identifier: GPL-3.0-only
/*
 * kmod.c - loads the widget module
 */

int widget_load(void)
{
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A list row of two lines of text and an amount on the right, as the
 * Orders and Payouts lists show them. Plain text only, never markup. */
GtkWidget *comptoir_amount_row_new (void);
void       comptoir_amount_row_set (GtkWidget  *row,
                                    const char *title,
                                    const char *subtitle,
                                    const char *amount);

G_END_DECLS

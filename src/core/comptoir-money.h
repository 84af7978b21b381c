// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Amounts are integer cents of euro, VAT included. */
#define COMPTOIR_MONEY_MAX_CENTS (G_GINT64_CONSTANT (99999999999999)) /* < 1e12 € */

gboolean comptoir_money_parse  (const char  *text,
                                gint64      *out_cents,
                                GError     **error);
char    *comptoir_money_format (gint64       cents);

G_END_DECLS

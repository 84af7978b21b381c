// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order-line"

#include "config.h"

#include "comptoir-order-line.h"

G_DEFINE_BOXED_TYPE (ComptoirOrderLine, comptoir_order_line,
                     comptoir_order_line_copy, comptoir_order_line_free)

/**
 * comptoir_order_line_new:
 *
 * Returns: (transfer full): a line holding copies of the strings
 */
ComptoirOrderLine *
comptoir_order_line_new (const char *remote_id,
                         const char *product_remote_id,
                         const char *name,
                         gint64      quantity,
                         gint64      unit_price_cents,
                         gint64      total_cents,
                         gint64      refunded_cents)
{
  ComptoirOrderLine *line = g_new0 (ComptoirOrderLine, 1);

  line->remote_id = g_strdup (remote_id);
  line->product_remote_id = g_strdup (product_remote_id);
  line->name = g_strdup (name ? name : "");
  line->quantity = quantity;
  line->unit_price_cents = unit_price_cents;
  line->total_cents = total_cents;
  line->refunded_cents = refunded_cents;
  return line;
}

ComptoirOrderLine *
comptoir_order_line_copy (const ComptoirOrderLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return comptoir_order_line_new (line->remote_id, line->product_remote_id, line->name, line->quantity,
                                  line->unit_price_cents, line->total_cents, line->refunded_cents);
}

void
comptoir_order_line_free (ComptoirOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->remote_id);
  g_free (line->product_remote_id);
  g_free (line->name);
  g_free (line);
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ComptoirOrderLine:
 * @remote_id: the platform's id of the line (refunds name it)
 * @product_remote_id: (nullable): the platform's id of the product, %NULL
 *   when the product was deleted since
 * @name: what the customer ordered, as the platform named it then; with
 *   the variant's option values after it ("T-shirt (M, rouge)")
 * @quantity: units ordered
 * @unit_price_cents: price of one unit incl. VAT at the time of the order
 * @total_cents: @unit_price_cents × @quantity
 * @refunded_cents: what was refunded of this line so far
 *
 * One line of a #ComptoirOrder. A plain boxed struct that belongs to its
 * order and is saved with it (comptoir_order_write()).
 */
typedef struct
{
  char   *remote_id;
  char   *product_remote_id;
  char   *name;
  gint64  quantity;
  gint64  unit_price_cents;
  gint64  total_cents;
  gint64  refunded_cents;
} ComptoirOrderLine;

#define COMPTOIR_TYPE_ORDER_LINE (comptoir_order_line_get_type ())

GType              comptoir_order_line_get_type (void) G_GNUC_CONST;
ComptoirOrderLine *comptoir_order_line_new      (const char              *remote_id,
                                                 const char              *product_remote_id,
                                                 const char              *name,
                                                 gint64                   quantity,
                                                 gint64                   unit_price_cents,
                                                 gint64                   total_cents,
                                                 gint64                   refunded_cents);
ComptoirOrderLine *comptoir_order_line_copy     (const ComptoirOrderLine *line);
void               comptoir_order_line_free     (ComptoirOrderLine       *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirOrderLine, comptoir_order_line_free)

G_END_DECLS

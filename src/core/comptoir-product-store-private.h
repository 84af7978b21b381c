// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-product.h"
#include "comptoir-store-private.h"

G_BEGIN_DECLS

/* The columns comptoir_product_from_row() reads, for "FROM products p". */
#define COMPTOIR_PRODUCT_COLUMNS \
  "p.id, p.uuid, p.name, p.description, p.price_cents, p.vat_rate, p.unit, p.stock, " \
  "p.sku, p.gtin, p.category, p.visibility, p.archived, p.updated_at, " \
  "(SELECT media_hash FROM product_photos WHERE product_id = p.id ORDER BY position LIMIT 1), " \
  "EXISTS (SELECT 1 FROM product_publications pp WHERE pp.product_id = p.id AND pp.state IN ('failed', 'conflict'))"

GObject *comptoir_product_from_row (sqlite3_stmt *stmt);

G_END_DECLS

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

typedef enum
{
  COMPTOIR_STOCK_FILTER_ANY,
  COMPTOIR_STOCK_FILTER_IN_STOCK,      /* tracked, more than zero */
  COMPTOIR_STOCK_FILTER_OUT_OF_STOCK,  /* tracked, zero or less */
  COMPTOIR_STOCK_FILTER_NOT_TRACKED,
} ComptoirStockFilter;

typedef enum
{
  COMPTOIR_PUBLISHED_ANY,
  COMPTOIR_PUBLISHED_YES,   /* a publication in state "published" on an account of that kind */
  COMPTOIR_PUBLISHED_NO,
} ComptoirPublishedFilter;

typedef enum
{
  COMPTOIR_PRODUCT_SORT_NAME,
  COMPTOIR_PRODUCT_SORT_PRICE,
  COMPTOIR_PRODUCT_SORT_STOCK,
  COMPTOIR_PRODUCT_SORT_UPDATED,
} ComptoirProductSort;

/**
 * ComptoirProductQuery:
 * @search: (nullable): words to find in the name, SKU (also of variants)
 *   or GTIN, without regard to case or accents; every word must match
 * @category: (nullable): only this category ("" for none set); %NULL: any
 * @stock: the stock state
 * @marketplace: published on the marketplace or not
 * @directory: published on the directory or not
 * @visibility: only products shown at least there (ComptoirVisibility
 *   flags); 0: any
 * @archived: list the archived products instead of the others
 * @sort: the order
 * @descending: reverse the order
 * @refused: only products a platform refused (the last change, or because
 *   the product changed there too): the ones waiting for the merchant
 *
 * What the products list shows. Zero-initialise it for every product not
 * archived, by name.
 */
typedef struct
{
  const char              *search;
  const char              *category;
  ComptoirStockFilter      stock;
  ComptoirPublishedFilter  marketplace;
  ComptoirPublishedFilter  directory;
  guint                    visibility;
  gboolean                 archived;
  ComptoirProductSort      sort;
  gboolean                 descending;
  gboolean                 refused;
} ComptoirProductQuery;

GListModel *comptoir_product_query_run (ComptoirStore              *store,
                                        const ComptoirProductQuery *query);

typedef enum
{
  COMPTOIR_BULK_PRICE_ADD,        /* @amount cents added (may be negative) */
  COMPTOIR_BULK_PRICE_PERCENT,    /* @amount hundredths of a percent: -1000 is −10 % */
  COMPTOIR_BULK_SET_STOCK,        /* stock tracked and set to @amount */
  COMPTOIR_BULK_SET_CATEGORY,     /* @category */
  COMPTOIR_BULK_SET_VISIBILITY,   /* @visibility flags */
} ComptoirBulkKind;

typedef struct
{
  ComptoirBulkKind  kind;
  gint64            amount;
  const char       *category;
  guint             visibility;
} ComptoirBulkEdit;

gboolean comptoir_bulk_price_parse   (const char             *text,
                                      ComptoirBulkEdit       *edit,
                                      GError                **error);
gboolean comptoir_products_bulk_edit (ComptoirStore          *store,
                                      const gint64           *ids,
                                      guint                   n_ids,
                                      const ComptoirBulkEdit *edit,
                                      GError                **error);

G_END_DECLS

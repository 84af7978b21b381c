// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-paged-list.h"
#include "comptoir-store-private.h"

G_BEGIN_DECLS

/* Builds one item from the current row of a SELECT of @columns. */
typedef GObject *(*ComptoirRowFunc) (sqlite3_stmt *stmt);

/**
 * comptoir_paged_list_new:
 * @store: the store
 * @item_type: the GType of the items
 * @columns: the SELECT list, read by @row_func
 * @from_where: "FROM … [WHERE …]", may contain ?1… placeholders
 * @order_by: a total order (end it with a unique column)
 * @params: (nullable): text values for the placeholders
 * @row_func: builds an item from a row
 */
ComptoirPagedList *comptoir_paged_list_new (ComptoirStore      *store,
                                            GType               item_type,
                                            const char         *columns,
                                            const char         *from_where,
                                            const char         *order_by,
                                            const char * const *params,
                                            ComptoirRowFunc     row_func);

G_END_DECLS

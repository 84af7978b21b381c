// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-product-store"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-paged-list-private.h"
#include "comptoir-product-store.h"

#define PRODUCT_COLUMNS \
  "p.id, p.uuid, p.name, p.description, p.price_cents, p.vat_rate, p.unit, p.stock, " \
  "p.sku, p.gtin, p.category, p.visibility, p.archived, p.updated_at, " \
  "(SELECT media_hash FROM product_photos WHERE product_id = p.id ORDER BY position LIMIT 1)"

static GObject *
product_from_row (sqlite3_stmt *stmt)
{
  ComptoirProduct *product = comptoir_product_new ();
  gboolean tracked = sqlite3_column_type (stmt, 7) != SQLITE_NULL;

  comptoir_product_set_id (product, sqlite3_column_int64 (stmt, 0));
  comptoir_product_set_uuid (product, comptoir_sql_column_text (stmt, 1));
  comptoir_product_set_name (product, comptoir_sql_column_text (stmt, 2));
  comptoir_product_set_description (product, comptoir_sql_column_text (stmt, 3));
  comptoir_product_set_price_cents (product, sqlite3_column_int64 (stmt, 4));
  comptoir_product_set_vat_rate (product, sqlite3_column_int (stmt, 5));
  comptoir_product_set_unit (product, comptoir_sql_column_text (stmt, 6));
  comptoir_product_set_stock_tracked (product, tracked);
  comptoir_product_set_stock (product, tracked ? sqlite3_column_int64 (stmt, 7) : 0);
  comptoir_product_set_sku (product, comptoir_sql_column_text (stmt, 8));
  comptoir_product_set_gtin (product, comptoir_sql_column_text (stmt, 9));
  comptoir_product_set_category (product, comptoir_sql_column_text (stmt, 10));
  comptoir_product_set_visibility (product, (guint) sqlite3_column_int (stmt, 11));
  comptoir_product_set_archived (product, sqlite3_column_int (stmt, 12) != 0);
  comptoir_product_set_updated_at (product, comptoir_sql_column_text (stmt, 13));
  comptoir_product_set_cover_hash (product, comptoir_sql_column_text (stmt, 14));

  return G_OBJECT (product);
}

/**
 * comptoir_product_write:
 * @store: the store
 * @product: the product; its id is set when it is new
 * @error: a #GError
 *
 * Inserts or updates @product. Must be called inside
 * comptoir_store_transaction(), so that callers can batch writes and add
 * the matching outbox entries in the same transaction.
 */
gboolean
comptoir_product_write (ComptoirStore    *store,
                        ComptoirProduct  *product,
                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  gint64 id = comptoir_product_get_id (product);
  const char *name = comptoir_product_get_name (product);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Give the product a name."));
      return FALSE;
    }

  if (id == 0)
    {
      if (*comptoir_product_get_uuid (product) == '\0')
        {
          g_autofree char *uuid = g_uuid_string_random ();
          comptoir_product_set_uuid (product, uuid);
        }
      stmt = comptoir_store_prepare (store,
                                     "INSERT INTO products (uuid, name, description, price_cents, "
                                     "vat_rate, unit, stock, sku, gtin, category, visibility, archived, "
                                     "updated_at, created_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                                     error);
    }
  else
    stmt = comptoir_store_prepare (store,
                                   "UPDATE products SET uuid = ?1, name = ?2, description = ?3, "
                                   "price_cents = ?4, vat_rate = ?5, unit = ?6, stock = ?7, sku = ?8, "
                                   "gtin = ?9, category = ?10, visibility = ?11, archived = ?12, "
                                   "updated_at = ?13 WHERE id = ?14",
                                   error);
  if (stmt == NULL)
    return FALSE;

  comptoir_sql_bind_text (stmt, 1, comptoir_product_get_uuid (product));
  comptoir_sql_bind_text (stmt, 2, name);
  comptoir_sql_bind_text (stmt, 3, comptoir_product_get_description (product));
  sqlite3_bind_int64 (stmt, 4, comptoir_product_get_price_cents (product));
  sqlite3_bind_int (stmt, 5, comptoir_product_get_vat_rate (product));
  comptoir_sql_bind_text (stmt, 6, *comptoir_product_get_unit (product) ? comptoir_product_get_unit (product) : "piece");
  if (comptoir_product_get_stock_tracked (product))
    sqlite3_bind_int64 (stmt, 7, comptoir_product_get_stock (product));
  else
    sqlite3_bind_null (stmt, 7);
  comptoir_sql_bind_text (stmt, 8, comptoir_product_get_sku (product));
  comptoir_sql_bind_text (stmt, 9, comptoir_product_get_gtin (product));
  comptoir_sql_bind_text (stmt, 10, comptoir_product_get_category (product));
  sqlite3_bind_int (stmt, 11, (int) comptoir_product_get_visibility (product));
  sqlite3_bind_int (stmt, 12, comptoir_product_get_archived (product));
  comptoir_sql_bind_text (stmt, 13, now);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 14, id);

  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;

  if (id == 0)
    comptoir_product_set_id (product, sqlite3_last_insert_rowid (comptoir_store_get_db (store)));
  else if (sqlite3_changes (comptoir_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This product no longer exists."));
      return FALSE;
    }

  comptoir_product_set_updated_at (product, now);
  return TRUE;
}

static gboolean
save_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  return comptoir_product_write (store, COMPTOIR_PRODUCT (user_data), error);
}

/**
 * comptoir_product_save:
 * @store: the store
 * @product: the product
 * @error: a #GError
 *
 * Inserts or updates @product in its own transaction.
 */
gboolean
comptoir_product_save (ComptoirStore    *store,
                       ComptoirProduct  *product,
                       GError          **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (product), FALSE);

  return comptoir_store_transaction (store, save_tx, product, error);
}

ComptoirProduct *
comptoir_product_load (ComptoirStore  *store,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " PRODUCT_COLUMNS " FROM products p WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return COMPTOIR_PRODUCT (product_from_row (stmt));
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                         _("This product no longer exists."));
  else
    comptoir_store_set_error (store, error);
  return NULL;
}

static gboolean
delete_tx (ComptoirStore  *store,
           gpointer        user_data,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = comptoir_store_prepare (store, "DELETE FROM products WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) user_data);
  return comptoir_store_step_done (store, stmt, error);
}

gboolean
comptoir_product_delete (ComptoirStore  *store,
                         gint64          id,
                         GError        **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  return comptoir_store_transaction (store, delete_tx, &id, error);
}

/**
 * comptoir_product_list_new:
 * @store: the store
 *
 * Returns: (transfer full): the products that are not archived, by name,
 *   as a #GListModel that pages from the store
 */
GListModel *
comptoir_product_list_new (ComptoirStore *store)
{
  return G_LIST_MODEL (comptoir_paged_list_new (store, COMPTOIR_TYPE_PRODUCT,
                                                PRODUCT_COLUMNS,
                                                "FROM products p WHERE p.archived = 0",
                                                "p.name COLLATE NOCASE, p.id",
                                                NULL, product_from_row));
}

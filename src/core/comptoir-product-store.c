// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-product-store"

#include "comptoir-i18n.h"

#include <json-glib/json-glib.h>

#include "comptoir-error.h"
#include "comptoir-gtin.h"
#include "comptoir-media-store.h"
#include "comptoir-money.h"
#include "comptoir-paged-list-private.h"
#include "comptoir-product-store-private.h"
#include "comptoir-product-store.h"
#include "comptoir-text.h"

GObject *
comptoir_product_from_row (sqlite3_stmt *stmt)
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
  comptoir_product_set_refused (product, sqlite3_column_int (stmt, 15) != 0);

  return G_OBJECT (product);
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static gboolean
check_product (ComptoirProduct  *product,
               GError          **error)
{
  const char *name = comptoir_product_get_name (product);
  g_autofree char *gtin = NULL;
  int vat = comptoir_product_get_vat_rate (product);
  gint64 price = comptoir_product_get_price_cents (product);

  if (name == NULL || !has_text (name))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Give the product a name."));
      return FALSE;
    }
  if (price < 0 || price > COMPTOIR_MONEY_MAX_CENTS)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This price cannot be used: type an amount such as 12,50."));
      return FALSE;
    }
  if (vat != 2000 && vat != 1000 && vat != 550 && vat != 210)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The VAT rate must be 20 %, 10 %, 5.5 % or 2.1 %."));
      return FALSE;
    }
  if (!comptoir_gtin_check (comptoir_product_get_gtin (product), &gtin, error))
    return FALSE;
  comptoir_product_set_gtin (product, gtin);
  if (comptoir_product_get_details_loaded (product)
      && !comptoir_variants_check (comptoir_product_get_options (product),
                                   comptoir_product_get_variants (product), error))
    return FALSE;
  return TRUE;
}

static gboolean
write_details (ComptoirStore    *store,
               ComptoirProduct  *product,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) del_options = NULL;
  g_autoptr(sqlite3_stmt) del_variants = NULL;
  g_autoptr(sqlite3_stmt) add_option = NULL;
  g_autoptr(sqlite3_stmt) add_variant = NULL;
  gint64 id = comptoir_product_get_id (product);
  GPtrArray *options = comptoir_product_get_options (product);
  GPtrArray *variants = comptoir_product_get_variants (product);

  del_options = comptoir_store_prepare (store, "DELETE FROM product_options WHERE product_id = ?1", error);
  del_variants = comptoir_store_prepare (store, "DELETE FROM product_variants WHERE product_id = ?1", error);
  add_option = comptoir_store_prepare (store,
                                       "INSERT INTO product_options (product_id, position, name, option_values) "
                                       "VALUES (?1, ?2, ?3, ?4)", error);
  add_variant = comptoir_store_prepare (store,
                                        "INSERT INTO product_variants (product_id, value1, value2, price_cents, stock, sku) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (del_options == NULL || del_variants == NULL || add_option == NULL || add_variant == NULL)
    return FALSE;

  sqlite3_bind_int64 (del_options, 1, id);
  sqlite3_bind_int64 (del_variants, 1, id);
  if (!comptoir_store_step_done (store, del_options, error)
      || !comptoir_store_step_done (store, del_variants, error))
    return FALSE;

  for (guint i = 0; i < options->len; i++)
    {
      ComptoirProductOption *option = g_ptr_array_index (options, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *values = NULL;

      json_builder_begin_array (builder);
      for (guint j = 0; option->values[j] != NULL; j++)
        json_builder_add_string_value (builder, option->values[j]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      values = json_to_string (root, FALSE);

      sqlite3_reset (add_option);
      sqlite3_bind_int64 (add_option, 1, id);
      sqlite3_bind_int (add_option, 2, (int) i);
      comptoir_sql_bind_text (add_option, 3, option->name);
      comptoir_sql_bind_text (add_option, 4, values);
      if (!comptoir_store_step_done (store, add_option, error))
        return FALSE;
    }

  for (guint i = 0; i < variants->len; i++)
    {
      ComptoirVariant *v = g_ptr_array_index (variants, i);

      sqlite3_reset (add_variant);
      sqlite3_bind_int64 (add_variant, 1, id);
      comptoir_sql_bind_text (add_variant, 2, v->value1);
      comptoir_sql_bind_text (add_variant, 3, v->value2);
      sqlite3_bind_int64 (add_variant, 4, v->price_cents);
      if (v->stock_tracked)
        sqlite3_bind_int64 (add_variant, 5, v->stock);
      else
        sqlite3_bind_null (add_variant, 5);
      comptoir_sql_bind_text (add_variant, 6, v->sku ? v->sku : "");
      if (!comptoir_store_step_done (store, add_variant, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_details (ComptoirStore    *store,
              ComptoirProduct  *product,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) options_stmt = NULL;
  g_autoptr(sqlite3_stmt) variants_stmt = NULL;
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);
  gint64 id = comptoir_product_get_id (product);

  options_stmt = comptoir_store_prepare (store,
                                         "SELECT name, option_values FROM product_options "
                                         "WHERE product_id = ?1 ORDER BY position", error);
  variants_stmt = comptoir_store_prepare (store,
                                          "SELECT value1, value2, price_cents, stock, sku FROM product_variants "
                                          "WHERE product_id = ?1 ORDER BY id", error);
  if (options_stmt == NULL || variants_stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (options_stmt, 1, id);
  while (sqlite3_step (options_stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string (comptoir_sql_column_text (options_stmt, 1), NULL);
      g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      /* The column is ours, but a damaged value must not crash the editor. */
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
                g_strv_builder_add (values, json_node_get_string (element));
            }
        }
      strv = g_strv_builder_end (values);
      g_ptr_array_add (options, comptoir_product_option_new (comptoir_sql_column_text (options_stmt, 0),
                                                             (const char * const *) strv));
    }

  sqlite3_bind_int64 (variants_stmt, 1, id);
  while (sqlite3_step (variants_stmt) == SQLITE_ROW)
    {
      ComptoirVariant *v = comptoir_variant_new (comptoir_sql_column_text (variants_stmt, 0),
                                                 comptoir_sql_column_text (variants_stmt, 1),
                                                 sqlite3_column_int64 (variants_stmt, 2));

      v->stock_tracked = sqlite3_column_type (variants_stmt, 3) != SQLITE_NULL;
      v->stock = sqlite3_column_int64 (variants_stmt, 3);
      g_free (v->sku);
      v->sku = g_strdup (comptoir_sql_column_text (variants_stmt, 4));
      g_ptr_array_add (variants, v);
    }

  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  return TRUE;
}

/**
 * comptoir_product_write:
 * @store: the store
 * @product: the product; its id is set when it is new
 * @error: a #GError
 *
 * Inserts or updates @product, with its options and variants when they
 * were loaded or set (comptoir_product_get_details_loaded()), after
 * checking it (name, price, VAT rate, GTIN, variants). Must be called inside
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

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (product), FALSE);

  if (!check_product (product, error))
    return FALSE;

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

  if (comptoir_product_get_details_loaded (product)
      && !write_details (store, product, error))
    return FALSE;

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

typedef struct
{
  ComptoirProduct    *product;
  const char * const *hashes;
} SaveWithPhotosData;

static gboolean
save_with_photos_tx (ComptoirStore  *store,
                     gpointer        user_data,
                     GError        **error)
{
  SaveWithPhotosData *data = user_data;

  return comptoir_product_write (store, data->product, error)
         && comptoir_product_photos_write (store, comptoir_product_get_id (data->product),
                                           data->hashes, error);
}

/**
 * comptoir_product_save_with_photos:
 * @store: the store
 * @product: the product
 * @hashes: (nullable): its photos, cover first, as imported by the photo
 *   pipeline
 * @error: a #GError
 *
 * Inserts or updates @product and replaces its photos, in one transaction.
 */
gboolean
comptoir_product_save_with_photos (ComptoirStore       *store,
                                   ComptoirProduct     *product,
                                   const char * const  *hashes,
                                   GError             **error)
{
  SaveWithPhotosData data = { product, hashes };
  gint64 old_id;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (product), FALSE);

  old_id = comptoir_product_get_id (product);
  if (!comptoir_store_transaction (store, save_with_photos_tx, &data, error))
    {
      /* rolled back: a new product is still new */
      comptoir_product_set_id (product, old_id);
      return FALSE;
    }
  comptoir_product_set_cover_hash (product, hashes != NULL ? hashes[0] : NULL);
  return TRUE;
}

ComptoirProduct *
comptoir_product_load (ComptoirStore  *store,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " COMPTOIR_PRODUCT_COLUMNS " FROM products p WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(ComptoirProduct) product = COMPTOIR_PRODUCT (comptoir_product_from_row (stmt));

      if (!load_details (store, product, error))
        return NULL;
      return g_steal_pointer (&product);
    }
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
                                                COMPTOIR_PRODUCT_COLUMNS,
                                                "FROM products p WHERE p.archived = 0",
                                                "p.sort_name, p.id",
                                                NULL, comptoir_product_from_row));
}

typedef struct
{
  gint64  id;
  gint64  new_id;
} DuplicateData;

static gboolean
exec_with_ids (ComptoirStore  *store,
               const char     *sql,
               gint64          id1,
               gint64          id2,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id1);
  sqlite3_bind_int64 (stmt, 2, id2);
  return comptoir_store_step_done (store, stmt, error);
}

static gboolean
duplicate_tx (ComptoirStore  *store,
              gpointer        user_data,
              GError        **error)
{
  DuplicateData *data = user_data;
  g_autoptr(ComptoirProduct) product = comptoir_product_load (store, data->id, error);
  g_autofree char *name = NULL;

  if (product == NULL)
    return FALSE;

  /* TRANSLATORS: the name of a copied product; %s is the original name */
  name = g_strdup_printf (_("%s (copy)"), comptoir_product_get_name (product));
  comptoir_product_set_id (product, 0);
  comptoir_product_set_uuid (product, NULL);
  comptoir_product_set_name (product, name);
  /* A barcode names one product; a copy starts private, so that a
   * half-edited copy is not published under the original's name. */
  comptoir_product_set_gtin (product, "");
  comptoir_product_set_visibility (product, COMPTOIR_VISIBILITY_PRIVATE);
  comptoir_product_set_archived (product, FALSE);
  if (!comptoir_product_write (store, product, error))
    return FALSE;

  data->new_id = comptoir_product_get_id (product);
  /* The same photos: media are content-addressed and shared. */
  return exec_with_ids (store,
                        "INSERT INTO product_photos (product_id, position, media_hash) "
                        "SELECT ?2, position, media_hash FROM product_photos WHERE product_id = ?1",
                        data->id, data->new_id, error);
}

/**
 * comptoir_product_duplicate:
 * @store: the store
 * @id: the product to copy
 * @error: a #GError
 *
 * Copies a product with its options, variants and photos under a new uuid,
 * named "… (copy)" in the merchant's language. The copy has no barcode and
 * is private until the merchant chooses where it appears.
 *
 * Returns: the id of the copy, or 0 on error
 */
gint64
comptoir_product_duplicate (ComptoirStore  *store,
                            gint64          id,
                            GError        **error)
{
  DuplicateData data = { id, 0 };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), 0);

  if (!comptoir_store_transaction (store, duplicate_tx, &data, error))
    return 0;
  return data.new_id;
}

typedef struct
{
  gint64   id;
  gboolean archived;
} ArchiveData;

static gboolean
archive_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  ArchiveData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();

  stmt = comptoir_store_prepare (store, "UPDATE products SET archived = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->id);
  sqlite3_bind_int (stmt, 2, data->archived);
  comptoir_sql_bind_text (stmt, 3, now);
  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (comptoir_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This product no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_product_archive:
 * @store: the store
 * @id: the product
 * @archived: %TRUE to archive, %FALSE to bring it back
 * @error: a #GError
 *
 * An archived product stays in the store (with its photos and history) but
 * leaves the products list unless the list asks for archived products.
 */
gboolean
comptoir_product_archive (ComptoirStore  *store,
                          gint64          id,
                          gboolean        archived,
                          GError        **error)
{
  ArchiveData data = { id, archived != FALSE };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  return comptoir_store_transaction (store, archive_tx, &data, error);
}

/* Snapshots for undo: every row that belongs to the product, table by
 * table, column by column, so that a restore puts back exactly what was
 * deleted, whatever columns later versions add. */
static const char *snapshot_tables[] = {
  "products", "product_options", "product_variants", "product_photos", "product_publications",
};

static gboolean
snapshot_table (ComptoirStore  *store,
                JsonBuilder    *builder,
                const char     *table,
                gint64          id,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?1", table,
                                          g_str_equal (table, "products") ? "id" : "product_id");
  int rc;

  stmt = comptoir_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  json_builder_set_member_name (builder, table);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          json_builder_set_member_name (builder, sqlite3_column_name (stmt, i));
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              json_builder_add_double_value (builder, sqlite3_column_double (stmt, i));
              break;
            case SQLITE_NULL:
              json_builder_add_null_value (builder);
              break;
            default:
              json_builder_add_string_value (builder, comptoir_sql_column_text (stmt, i));
              break;
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64  id;
  char   *snapshot;
} DeleteData;

static gboolean
delete_with_snapshot_tx (ComptoirStore  *store,
                         gpointer        user_data,
                         GError        **error)
{
  DeleteData *data = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (snapshot_tables); i++)
    if (!snapshot_table (store, builder, snapshot_tables[i], data->id, error))
      return FALSE;
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "products")) == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This product no longer exists."));
      return FALSE;
    }

  if (!exec_with_ids (store, "DELETE FROM products WHERE id = ?1", data->id, 0, error))
    return FALSE;

  data->snapshot = json_to_string (root, FALSE);
  return TRUE;
}

/**
 * comptoir_product_delete_with_snapshot:
 * @store: the store
 * @id: the product
 * @error: a #GError
 *
 * Deletes a product with its options, variants, photo links and
 * publication records, and returns everything it deleted, so that
 * comptoir_product_restore() can undo the deletion.
 *
 * Returns: (transfer full) (nullable): the snapshot (opaque text), or %NULL
 *   on error
 */
char *
comptoir_product_delete_with_snapshot (ComptoirStore  *store,
                                       gint64          id,
                                       GError        **error)
{
  DeleteData data = { id, NULL };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  if (!comptoir_store_transaction (store, delete_with_snapshot_tx, &data, error))
    {
      g_free (data.snapshot);
      return NULL;
    }
  return data.snapshot;
}

static gboolean
row_exists (ComptoirStore *store,
            const char    *sql,
            JsonNode      *value)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, NULL);

  if (stmt == NULL || value == NULL)
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
  else
    comptoir_sql_bind_text (stmt, 1, json_node_get_string (value));
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
insert_row (ComptoirStore  *store,
            const char     *table,
            JsonObject     *row,
            const char     *skip_column,
            gint64          product_id,
            GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) placeholders = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (row);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *columns = g_ptr_array_new ();
  int n = 0;

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;

      /* Column names come from our own snapshot; refuse anything else. */
      for (const char *p = column; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '_')
          {
            g_ptr_array_unref (columns);
            g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED,
                                 _("This deletion can no longer be undone."));
            return FALSE;
          }
      if (g_strcmp0 (column, skip_column) == 0)
        continue;
      g_string_append_printf (sql, "%s%s", n ? ", " : "", column);
      g_string_append_printf (placeholders, "%s?%d", n ? ", " : "", n + 1);
      g_ptr_array_add (columns, (gpointer) column);
      n++;
    }
  g_string_append_printf (sql, ") VALUES (%s)", placeholders->str);

  stmt = comptoir_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (columns);
      return FALSE;
    }
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      JsonNode *value = json_object_get_member (row, column);

      if (g_str_equal (column, "product_id"))
        sqlite3_bind_int64 (stmt, i + 1, product_id);
      else if (JSON_NODE_HOLDS_NULL (value))
        sqlite3_bind_null (stmt, i + 1);
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, i + 1, json_node_get_int (value));
      else if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, i + 1, json_node_get_double (value));
      else
        comptoir_sql_bind_text (stmt, i + 1, json_node_get_string (value));
    }
  g_ptr_array_unref (columns);
  return comptoir_store_step_done (store, stmt, error);
}

typedef struct
{
  const char *snapshot;
  gint64      id;
} RestoreData;

static gboolean
restore_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  RestoreData *data = user_data;
  g_autoptr(JsonNode) root = json_from_string (data->snapshot, NULL);
  JsonObject *object;
  JsonArray *products;
  JsonObject *product;
  gboolean same_id;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (object = json_node_get_object (root)) == NULL
      || !json_object_has_member (object, "products")
      || (products = json_object_get_array_member (object, "products")) == NULL
      || json_array_get_length (products) != 1)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED,
                           _("This deletion can no longer be undone."));
      return FALSE;
    }
  product = json_array_get_object_element (products, 0);

  if (row_exists (store, "SELECT 1 FROM products WHERE uuid = ?1",
                  json_object_get_member (product, "uuid")))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT,
                           _("This product is already back in the catalogue."));
      return FALSE;
    }

  /* The same row id when it is still free, so that links kept elsewhere
   * (an open editor, the outbox) still point at it. */
  same_id = !row_exists (store, "SELECT 1 FROM products WHERE id = ?1",
                         json_object_get_member (product, "id"));
  if (!insert_row (store, "products", product, same_id ? NULL : "id", 0, error))
    return FALSE;
  data->id = sqlite3_last_insert_rowid (comptoir_store_get_db (store));

  for (guint t = 1; t < G_N_ELEMENTS (snapshot_tables); t++)
    {
      const char *table = snapshot_tables[t];
      JsonArray *rows = json_object_has_member (object, table)
                        ? json_object_get_array_member (object, table) : NULL;

      for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);

          /* A photo or account removed meanwhile is left out, not an error. */
          if (g_str_equal (table, "product_photos")
              && !row_exists (store, "SELECT 1 FROM media WHERE hash = ?1",
                              json_object_get_member (row, "media_hash")))
            continue;
          if (g_str_equal (table, "product_publications")
              && !row_exists (store, "SELECT 1 FROM accounts WHERE id = ?1",
                              json_object_get_member (row, "account_id")))
            continue;
          if (!insert_row (store, table, row,
                           g_str_equal (table, "product_variants") ? "id" : NULL,
                           data->id, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * comptoir_product_restore:
 * @store: the store
 * @snapshot: what comptoir_product_delete_with_snapshot() returned
 * @error: a #GError
 *
 * Puts a deleted product back, with the same uuid (and the same id when
 * it is still free), its options, variants, photos and publications.
 *
 * Returns: the id of the restored product, or 0 on error
 */
gint64
comptoir_product_restore (ComptoirStore  *store,
                          const char     *snapshot,
                          GError        **error)
{
  RestoreData data = { snapshot, 0 };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), 0);
  g_return_val_if_fail (snapshot != NULL, 0);

  if (!comptoir_store_transaction (store, restore_tx, &data, error))
    return 0;
  return data.id;
}

static int
compare_folded (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  g_autofree char *fa = comptoir_text_fold (*(const char **) a);
  g_autofree char *fb = comptoir_text_fold (*(const char **) b);

  return strcmp (fa, fb);
}

/**
 * comptoir_product_list_categories:
 * @store: the store
 * @error: a #GError
 *
 * Returns: (transfer full): the categories in use, sorted, for completion
 */
GStrv
comptoir_product_list_categories (ComptoirStore  *store,
                                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv categories;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store,
                                 "SELECT DISTINCT category FROM products WHERE category != ''", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, comptoir_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  categories = g_strv_builder_end (builder);
  /* SQLite folds only ASCII: "Épicerie" belongs among the E. */
  g_qsort_with_data (categories, g_strv_length (categories), sizeof (char *), compare_folded, NULL);
  return categories;
}

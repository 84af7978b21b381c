// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-outbox"

/* The outbox seen from the push (src/sync): which entry is due, freezing
 * what an entry sends before its first attempt, and recording each
 * outcome in one transaction. */

#include "comptoir-i18n.h"

#include <math.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-outbox-private.h"
#include "comptoir-product-store.h"
#include "comptoir-shop-private.h"
#include "comptoir-variant.h"

void
comptoir_outbox_entry_free (ComptoirOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->object_type);
  g_free (entry->idempotency_key);
  g_free (entry->remote_id);
  g_clear_object (&entry->product);
  g_strfreev (entry->photos);
  g_clear_object (&entry->shop);
  g_free (entry->action);
  g_free (entry->reason);
  g_free (entry);
}

/**
 * comptoir_outbox_next_due:
 * @store: the store
 * @account_id: the platform account
 * @after_id: only entries after this one (0 for all)
 * @error: a #GError
 *
 * The next entry to send to @account_id: the first pending entry of its
 * object (entries of one object go out in order) whose back-off is over.
 * An object waiting for a retry does not hold back the others.
 *
 * Returns: (transfer full) (nullable): the entry, %NULL when none is due
 *   (or on error)
 */
ComptoirOutboxEntry *
comptoir_outbox_next_due (ComptoirStore  *store,
                          gint64          account_id,
                          gint64          after_id,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  ComptoirOutboxEntry *entry;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store,
                                 "SELECT o.id, o.object_type, o.object_id, o.idempotency_key, o.attempts FROM outbox o"
                                 " WHERE +o.state = 'pending' AND +o.account_id = ?1 AND o.id > ?2"
                                 " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?3)"
                                 " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending'"
                                 "   AND e.account_id = o.account_id AND e.object_type = o.object_type"
                                 "   AND e.object_id = o.object_id AND e.id < o.id)"
                                 " ORDER BY o.id LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, after_id);
  comptoir_sql_bind_text (stmt, 3, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        comptoir_store_set_error (store, error);
      return NULL;
    }
  entry = g_new0 (ComptoirOutboxEntry, 1);
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->account_id = account_id;
  entry->object_type = g_strdup (comptoir_sql_column_text (stmt, 1));
  entry->object_id = sqlite3_column_int64 (stmt, 2);
  entry->idempotency_key = g_strdup (comptoir_sql_column_text (stmt, 3));
  entry->attempts = (guint) sqlite3_column_int (stmt, 4);
  return entry;
}

/* Products as JSON, with everything the connectors send. */

static void
add_product (JsonBuilder     *builder,
             ComptoirProduct *product)
{
  GPtrArray *options = comptoir_product_get_options (product);
  GPtrArray *variants = comptoir_product_get_variants (product);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, comptoir_product_get_uuid (product));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, comptoir_product_get_name (product));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, comptoir_product_get_description (product));
  json_builder_set_member_name (builder, "price_cents");
  json_builder_add_int_value (builder, comptoir_product_get_price_cents (product));
  json_builder_set_member_name (builder, "vat_rate");
  json_builder_add_int_value (builder, comptoir_product_get_vat_rate (product));
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, comptoir_product_get_unit (product));
  json_builder_set_member_name (builder, "stock");
  if (comptoir_product_get_stock_tracked (product))
    json_builder_add_int_value (builder, comptoir_product_get_stock (product));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, comptoir_product_get_sku (product));
  json_builder_set_member_name (builder, "gtin");
  json_builder_add_string_value (builder, comptoir_product_get_gtin (product));
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, comptoir_product_get_category (product));
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_int_value (builder, comptoir_product_get_visibility (product));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, comptoir_product_get_archived (product));

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; options != NULL && i < options->len; i++)
    {
      ComptoirProductOption *option = options->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, option->name);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; option->values != NULL && option->values[j] != NULL; j++)
        json_builder_add_string_value (builder, option->values[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      ComptoirVariant *variant = variants->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value1");
      json_builder_add_string_value (builder, variant->value1);
      json_builder_set_member_name (builder, "value2");
      if (variant->value2 != NULL)
        json_builder_add_string_value (builder, variant->value2);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "price_cents");
      json_builder_add_int_value (builder, variant->price_cents);
      json_builder_set_member_name (builder, "stock");
      if (variant->stock_tracked)
        json_builder_add_int_value (builder, variant->stock);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "sku");
      json_builder_add_string_value (builder, variant->sku ? variant->sku : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
member_is_int (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static GStrv
member_strv (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }
  return g_strv_builder_end (builder);
}

/* The frozen product: not a stored one (id 0), so that the connectors
 * send it as it is instead of loading today's version. */
static ComptoirProduct *
product_from_json (JsonObject *object)
{
  ComptoirProduct *product = comptoir_product_new ();
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);
  JsonNode *node;
  const char *text;

  if ((text = member_string (object, "uuid")) != NULL)
    comptoir_product_set_uuid (product, text);
  comptoir_product_set_name (product, member_string (object, "name"));
  comptoir_product_set_description (product, member_string (object, "description"));
  comptoir_product_set_price_cents (product, member_int (object, "price_cents"));
  comptoir_product_set_vat_rate (product, (int) member_int (object, "vat_rate"));
  comptoir_product_set_unit (product, member_string (object, "unit"));
  comptoir_product_set_stock_tracked (product, member_is_int (object, "stock"));
  comptoir_product_set_stock (product, member_int (object, "stock"));
  comptoir_product_set_sku (product, member_string (object, "sku"));
  comptoir_product_set_gtin (product, member_string (object, "gtin"));
  comptoir_product_set_category (product, member_string (object, "category"));
  comptoir_product_set_visibility (product, (guint) member_int (object, "visibility"));
  node = json_object_get_member (object, "archived");
  comptoir_product_set_archived (product, node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node));

  node = json_object_get_member (object, "options");
  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      g_auto(GStrv) values = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      values = member_strv (json_node_get_object (item), "values");
      g_ptr_array_add (options, comptoir_product_option_new (member_string (json_node_get_object (item), "name"),
                                                             (const char * const *) values));
    }
  node = json_object_get_member (object, "variants");
  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      JsonObject *json_variant;
      ComptoirVariant *variant;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      json_variant = json_node_get_object (item);
      variant = comptoir_variant_new (member_string (json_variant, "value1"), member_string (json_variant, "value2"),
                                      member_int (json_variant, "price_cents"));
      variant->stock_tracked = member_is_int (json_variant, "stock");
      variant->stock = member_int (json_variant, "stock");
      g_free (variant->sku);
      variant->sku = g_strdup (member_string (json_variant, "sku") ? member_string (json_variant, "sku") : "");
      g_ptr_array_add (variants, variant);
    }
  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  return product;
}

/* Freezing */

typedef struct
{
  ComptoirOutboxEntry *entry;
  char                *payload;   /* out: what the entry sends */
} AttemptData;

static char *
account_kind (ComptoirStore  *store,
              gint64          account_id,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, "SELECT kind FROM accounts WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This platform account was removed."));
      return NULL;
    }
  return g_strdup (comptoir_sql_column_text (stmt, 0));
}

static gboolean
freeze_shop (ComptoirStore        *store,
             ComptoirOutboxEntry  *entry,
             JsonBuilder          *builder,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *snapshot = comptoir_shop_snapshot (store, error);
  gint64 version = 0;

  if (snapshot == NULL)
    return FALSE;
  stmt = comptoir_store_prepare (store,
                                 "SELECT CAST (cursor AS INTEGER) FROM sync_state WHERE account_id = ?1 AND resource = 'shop'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);

  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "shop");
  json_builder_set_member_name (builder, "if_match");
  json_builder_add_int_value (builder, version);
  json_builder_set_member_name (builder, "shop");
  json_builder_add_string_value (builder, snapshot);
  return TRUE;
}

/* What a product's change means on that platform: the directory lists
 * only what the merchant shows there; an archived product is never
 * created, and is withdrawn (directory) or unpublished (marketplace). */
static gboolean
freeze_product (ComptoirStore        *store,
                ComptoirOutboxEntry  *entry,
                JsonBuilder          *builder,
                GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_load (store, entry->object_id, &local_error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *remote_id = NULL;
  g_auto(GStrv) photos = NULL;
  gint64 version = 0;
  gboolean shown;
  const char *op;

  if (product == NULL)
    {
      if (!g_error_matches (local_error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, "skip");
      return TRUE;
    }
  if ((kind = account_kind (store, entry->account_id, error)) == NULL
      || (photos = comptoir_product_photos_get (store, entry->object_id, error)) == NULL)
    return FALSE;

  stmt = comptoir_store_prepare (store,
                                 "SELECT remote_id, CAST (remote_version AS INTEGER) FROM product_publications"
                                 " WHERE product_id = ?1 AND account_id = ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->object_id);
  sqlite3_bind_int64 (stmt, 2, entry->account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      remote_id = g_strdup (comptoir_sql_column_text (stmt, 0));
      version = sqlite3_column_int64 (stmt, 1);
    }

  if (g_str_equal (kind, "directory"))
    shown = (comptoir_product_get_visibility (product) & COMPTOIR_VISIBILITY_DIRECTORY)
            && !comptoir_product_get_archived (product);
  else
    shown = !comptoir_product_get_archived (product) || remote_id != NULL;

  if (shown)
    op = remote_id != NULL ? "update" : "create";
  else
    op = remote_id != NULL && g_str_equal (kind, "directory") ? "delete" : "skip";

  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, op);
  json_builder_set_member_name (builder, "remote_id");
  if (remote_id != NULL)
    json_builder_add_string_value (builder, remote_id);
  else
    json_builder_add_null_value (builder);
  /* Updates carry the version they are based on (rule 6). */
  json_builder_set_member_name (builder, "if_match");
  json_builder_add_int_value (builder, g_str_equal (op, "update") ? version : 0);
  if (shown)
    {
      json_builder_set_member_name (builder, "product");
      add_product (builder, product);
      json_builder_set_member_name (builder, "photos");
      json_builder_begin_array (builder);
      for (guint i = 0; photos[i] != NULL; i++)
        json_builder_add_string_value (builder, photos[i]);
      json_builder_end_array (builder);
    }
  return TRUE;
}

/* An action on an order: what the merchant chose (in the entry since it
 * was written), the order's platform id, and the version it is based on:
 * the one the merchant saw, or, after an earlier action on the order, the
 * version that action brought back. */
static gboolean
freeze_order (ComptoirStore        *store,
              ComptoirOutboxEntry  *entry,
              JsonBuilder          *builder,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = comptoir_store_prepare (store,
                                 "SELECT json_extract (e.payload, '$.action'), json_extract (e.payload, '$.reason'),"
                                 " o.remote_id, CAST (coalesce (e.base_version, o.remote_version, 0) AS INTEGER)"
                                 " FROM outbox e LEFT JOIN orders o ON o.id = e.object_id WHERE e.id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  /* An order no longer in the store (its account removed): nothing to do. */
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, comptoir_sql_column_text (stmt, 2) != NULL ? "transition" : "skip");
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, comptoir_sql_column_text (stmt, 0));
  json_builder_set_member_name (builder, "reason");
  if (comptoir_sql_column_text (stmt, 1) != NULL)
    json_builder_add_string_value (builder, comptoir_sql_column_text (stmt, 1));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "remote_id");
  json_builder_add_string_value (builder, comptoir_sql_column_text (stmt, 2));
  json_builder_set_member_name (builder, "if_match");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
  return TRUE;
}

static gboolean
payload_is_skip (const char *payload)
{
  g_autoptr(JsonNode) root = json_from_string (payload, NULL);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         && g_strcmp0 (member_string (json_node_get_object (root), "op"), "skip") == 0;
}

static gboolean
begin_attempt_tx (ComptoirStore  *store,
                  gpointer        user_data,
                  GError        **error)
{
  AttemptData *data = user_data;
  ComptoirOutboxEntry *entry = data->entry;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;

  stmt = comptoir_store_prepare (store,
                                 "SELECT attempts, payload, json_extract (payload, '$.op') IS NOT NULL FROM outbox"
                                 " WHERE id = ?1 AND state = 'pending'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      data->payload = g_strdup ("{\"op\": \"skip\"}");
      return TRUE;
    }

  if (sqlite3_column_int (stmt, 2))
    data->payload = g_strdup (comptoir_sql_column_text (stmt, 1));
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      gboolean ok;

      json_builder_begin_object (builder);
      if (g_str_equal (entry->object_type, "shop"))
        ok = freeze_shop (store, entry, builder, error);
      else if (g_str_equal (entry->object_type, "order"))
        ok = freeze_order (store, entry, builder, error);
      else
        ok = freeze_product (store, entry, builder, error);
      if (!ok)
        return FALSE;
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      data->payload = json_to_string (root, FALSE);
    }

  /* Counted before anything is sent: after a crash, the entry is known to
   * have been (perhaps) sent, and is never merged into again. */
  update = comptoir_store_prepare (store,
                                   "UPDATE outbox SET payload = ?2, attempts = attempts + 1,"
                                   " state = CASE WHEN json_extract (?2, '$.op') = 'skip' THEN 'done' ELSE state END"
                                   " WHERE id = ?1",
                                   error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, entry->id);
  comptoir_sql_bind_text (update, 2, data->payload);
  if (!comptoir_store_step_done (store, update, error))
    return FALSE;

  /* Nothing to send: a product never created there that is archived or
   * hidden there. */
  if (payload_is_skip (data->payload) && g_str_equal (entry->object_type, "product"))
    {
      g_autoptr(sqlite3_stmt) publication = NULL;

      publication = comptoir_store_prepare (store,
                                            "UPDATE product_publications SET state = 'withdrawn', last_error = NULL"
                                            " WHERE product_id = ?1 AND account_id = ?2 AND remote_id IS NULL"
                                            " AND NOT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending'"
                                            "   AND account_id = ?2 AND object_type = 'product' AND object_id = ?1)",
                                            error);
      if (publication == NULL)
        return FALSE;
      sqlite3_bind_int64 (publication, 1, entry->object_id);
      sqlite3_bind_int64 (publication, 2, entry->account_id);
      return comptoir_store_step_done (store, publication, error);
    }
  return TRUE;
}

/**
 * comptoir_outbox_begin_attempt:
 * @store: the store
 * @entry: an entry from comptoir_outbox_next_due()
 * @error: a #GError
 *
 * Counts one more attempt of @entry and fills what it sends: on its first
 * attempt, the object's current state is frozen in the entry first, so
 * that every later attempt sends exactly the same. An entry with nothing
 * to send (%COMPTOIR_OUTBOX_SKIP) is done.
 */
gboolean
comptoir_outbox_begin_attempt (ComptoirStore        *store,
                               ComptoirOutboxEntry  *entry,
                               GError              **error)
{
  AttemptData data = { entry, NULL };
  g_autofree char *payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *op;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!comptoir_store_transaction (store, begin_attempt_tx, &data, error))
    {
      g_free (data.payload);
      return FALSE;
    }
  payload = data.payload;
  entry->attempts++;

  root = json_from_string (payload, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                           _("Your shop’s data file is damaged and cannot be read."));
      return FALSE;
    }
  object = json_node_get_object (root);
  op = member_string (object, "op");
  g_clear_pointer (&entry->remote_id, g_free);
  entry->remote_id = g_strdup (member_string (object, "remote_id"));
  entry->if_match = member_int (object, "if_match");

  if (g_strcmp0 (op, "shop") == 0)
    {
      entry->operation = COMPTOIR_OUTBOX_PUSH_SHOP;
      g_clear_object (&entry->shop);
      entry->shop = comptoir_shop_from_snapshot (store, member_string (object, "shop"), error);
      return entry->shop != NULL;
    }
  if (g_strcmp0 (op, "transition") == 0)
    {
      entry->operation = COMPTOIR_OUTBOX_TRANSITION_ORDER;
      g_free (entry->action);
      entry->action = g_strdup (member_string (object, "action"));
      g_free (entry->reason);
      entry->reason = g_strdup (member_string (object, "reason"));
      if (entry->action == NULL || entry->remote_id == NULL)
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                               _("Your shop’s data file is damaged and cannot be read."));
          return FALSE;
        }
      return TRUE;
    }
  if (g_strcmp0 (op, "create") == 0 || g_strcmp0 (op, "update") == 0)
    {
      JsonNode *product = json_object_get_member (object, "product");

      entry->operation = g_str_equal (op, "create") ? COMPTOIR_OUTBOX_CREATE_PRODUCT : COMPTOIR_OUTBOX_UPDATE_PRODUCT;
      if (product == NULL || !JSON_NODE_HOLDS_OBJECT (product))
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                               _("Your shop’s data file is damaged and cannot be read."));
          return FALSE;
        }
      g_clear_object (&entry->product);
      entry->product = product_from_json (json_node_get_object (product));
      g_strfreev (entry->photos);
      entry->photos = member_strv (object, "photos");
      return TRUE;
    }
  entry->operation = g_strcmp0 (op, "delete") == 0 ? COMPTOIR_OUTBOX_DELETE_PRODUCT : COMPTOIR_OUTBOX_SKIP;
  return TRUE;
}

/* Outcomes */

typedef struct
{
  ComptoirOutboxEntry *entry;
  const char          *remote_id;
  gint64               remote_version;
  guint                retry_after;
  gboolean             conflict;
  const char          *message;
} OutcomeData;

static sqlite3_stmt *
prepare_entry (ComptoirStore        *store,
               const char           *sql,
               ComptoirOutboxEntry  *entry,
               GError              **error)
{
  sqlite3_stmt *stmt = comptoir_store_prepare (store, sql, error);

  /* ?1 entry, ?2 account, ?3 object type, ?4 object id; the others are
   * bound by the caller. */
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, entry->id);
      sqlite3_bind_int64 (stmt, 2, entry->account_id);
      comptoir_sql_bind_text (stmt, 3, entry->object_type);
      sqlite3_bind_int64 (stmt, 4, entry->object_id);
    }
  return stmt;
}

static gboolean
exec_entry (ComptoirStore        *store,
            const char           *sql,
            OutcomeData          *data,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_entry (store, sql, data->entry, error);
  g_autofree char *version = data->remote_version > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, data->remote_version) : NULL;
  g_autofree char *now = comptoir_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  /* ?5 remote id, ?6 remote version, ?7 message, ?8 now */
  comptoir_sql_bind_text (stmt, 5, data->remote_id);
  comptoir_sql_bind_text (stmt, 6, version);
  comptoir_sql_bind_text (stmt, 7, data->message);
  comptoir_sql_bind_text (stmt, 8, now);
  return comptoir_store_step_done (store, stmt, error);
}

static gboolean
success_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  OutcomeData *data = user_data;
  gboolean deleted = data->entry->operation == COMPTOIR_OUTBOX_DELETE_PRODUCT;

  /* The entry is done, and so are the refused changes it replaces. Done
   * entries are kept a week, for the record. */
  if (!exec_entry (store, "UPDATE outbox SET state = 'done', last_error = NULL WHERE id = ?1", data, error)
      || !exec_entry (store,
                      "UPDATE outbox SET state = 'done' WHERE state = 'failed' AND account_id = ?2"
                      " AND object_type = ?3 AND object_id = ?4 AND id < ?1",
                      data, error)
      || !exec_entry (store,
                      "DELETE FROM outbox WHERE state = 'done' AND account_id = ?2 AND id < ?1"
                      " AND created_at < strftime ('%Y-%m-%dT%H:%M:%SZ', ?8, '-7 days')",
                      data, error))
    return FALSE;

  /* An order takes the status the action gives it on the platform, and
   * the version that came back (the next action is based on it) — unless
   * a pull already brought a later version (an answer replayed after a
   * lost one, rule 6). The status shown stays the merchant's while a later
   * action waits; then it is the platform's. */
  if (g_str_equal (data->entry->object_type, "order"))
    return exec_entry (store,
                       "WITH t (status) AS (SELECT CASE json_extract (payload, '$.action')"
                       "   WHEN 'accept' THEN 'accepted' WHEN 'reject' THEN 'rejected'"
                       "   WHEN 'ready' THEN 'ready' WHEN 'complete' THEN 'completed' END"
                       "   FROM outbox WHERE id = ?1)"
                       " UPDATE orders SET remote_version = coalesce (?6, remote_version),"
                       " remote_status = coalesce ((SELECT status FROM t), remote_status)"
                       " WHERE id = ?4 AND (?6 IS NULL OR remote_version IS NULL"
                       "   OR CAST (?6 AS INTEGER) > CAST (remote_version AS INTEGER))",
                       data, error)
           && exec_entry (store,
                          "UPDATE orders SET status = coalesce (remote_status, status)"
                          " WHERE id = ?4 AND NOT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending'"
                          "   AND account_id = ?2 AND object_type = ?3 AND object_id = ?4)",
                          data, error);

  if (g_str_equal (data->entry->object_type, "shop"))
    return exec_entry (store,
                       "INSERT INTO sync_state (account_id, resource, cursor, last_success_at) VALUES (?2, 'shop', ?6, ?8)"
                       " ON CONFLICT (account_id, resource) DO UPDATE SET cursor = ?6, last_success_at = ?8, last_error = NULL",
                       data, error);

  if (deleted)
    return exec_entry (store,
                       "UPDATE product_publications SET remote_id = NULL, remote_version = NULL,"
                       " state = 'withdrawn', last_error = NULL"
                       " WHERE product_id = ?4 AND account_id = ?2",
                       data, error);

  /* A product deleted meanwhile: its deletion learns the platform id. */
  return exec_entry (store,
                     "UPDATE product_publications SET remote_id = ?5, remote_version = ?6, last_error = NULL,"
                     " state = CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' AND account_id = ?2"
                     "   AND object_type = ?3 AND object_id = ?4) THEN 'pending' ELSE 'published' END"
                     " WHERE product_id = ?4 AND account_id = ?2",
                     data, error)
         && exec_entry (store,
                        "UPDATE outbox SET payload = json_set (payload, '$.remote_id', ?5)"
                        " WHERE state = 'pending' AND operation = 'delete' AND account_id = ?2"
                        " AND object_type = ?3 AND object_id = ?4 AND id > ?1"
                        " AND json_extract (payload, '$.remote_id') IS NULL"
                        " AND NOT EXISTS (SELECT 1 FROM products WHERE id = ?4)",
                        data, error);
}

/**
 * comptoir_outbox_record_success:
 * @store: the store
 * @entry: the entry that was sent
 * @remote_id: (nullable): the object's id on the platform
 * @remote_version: its version there, 0 when unknown
 * @error: a #GError
 *
 * The platform applied @entry: it is done, and the object's platform id
 * and version are kept, in one transaction.
 */
gboolean
comptoir_outbox_record_success (ComptoirStore        *store,
                                ComptoirOutboxEntry  *entry,
                                const char           *remote_id,
                                gint64                remote_version,
                                GError              **error)
{
  OutcomeData data = { entry, remote_id, remote_version, 0, FALSE, NULL };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return comptoir_store_transaction (store, success_tx, &data, error);
}

static gboolean
retry_tx (ComptoirStore  *store,
          gpointer        user_data,
          GError        **error)
{
  OutcomeData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *next_text = NULL;
  guint exponent = MIN (MAX (data->entry->attempts, 1u), 12u) - 1;
  double delay = MIN (2.0 * (double) (1u << exponent), 3600.0);

  /* Exponential back-off with jitter (half to all of the delay), never
   * sooner than the platform asked (rule 4). */
  delay = delay / 2 + g_random_double () * delay / 2;
  delay = MAX (delay, (double) data->retry_after);
  next = g_date_time_add_seconds (now, ceil (delay));
  next_text = g_date_time_format (next, "%Y-%m-%dT%H:%M:%SZ");

  stmt = comptoir_store_prepare (store, "UPDATE outbox SET next_attempt_at = ?2, last_error = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->entry->id);
  comptoir_sql_bind_text (stmt, 2, next_text);
  comptoir_sql_bind_text (stmt, 3, data->message);
  return comptoir_store_step_done (store, stmt, error);
}

/**
 * comptoir_outbox_record_retry:
 * @store: the store
 * @entry: the entry that could not be sent
 * @retry_after: seconds the platform asked to wait (Retry-After), or 0
 * @message: (nullable): why, for the record
 * @error: a #GError
 *
 * @entry stays to be sent again, the same, after a back-off.
 */
gboolean
comptoir_outbox_record_retry (ComptoirStore        *store,
                              ComptoirOutboxEntry  *entry,
                              guint                 retry_after,
                              const char           *message,
                              GError              **error)
{
  OutcomeData data = { entry, NULL, 0, retry_after, FALSE, message };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return comptoir_store_transaction (store, retry_tx, &data, error);
}

static gboolean
failure_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  OutcomeData *data = user_data;

  if (!exec_entry (store,
                   data->conflict
                   /* $.conflict: the platform's version then, 1 when it did not say */
                   ? "UPDATE outbox SET state = 'failed', last_error = ?7,"
                     " payload = json_set (payload, '$.conflict', coalesce (CAST (?6 AS INTEGER), 1))"
                     " WHERE id = ?1"
                   : "UPDATE outbox SET state = 'failed', last_error = ?7 WHERE id = ?1",
                   data, error))
    return FALSE;
  /* A refused action on an order: the actions after it cannot go either,
   * and the order shows the status the platform last gave again. */
  if (g_str_equal (data->entry->object_type, "order"))
    return exec_entry (store,
                       "UPDATE outbox SET state = 'failed', last_error = ?7 WHERE state = 'pending'"
                       " AND account_id = ?2 AND object_type = ?3 AND object_id = ?4 AND id > ?1",
                       data, error)
           && exec_entry (store,
                          "UPDATE orders SET status = coalesce (remote_status, status),"
                          " reject_reason = CASE WHEN coalesce (remote_status, status) = 'rejected'"
                          "   THEN reject_reason END"
                          " WHERE id = ?4",
                          data, error);
  if (g_str_equal (data->entry->object_type, "shop"))
    return exec_entry (store,
                       "INSERT INTO sync_state (account_id, resource, last_error) VALUES (?2, 'shop', ?7)"
                       " ON CONFLICT (account_id, resource) DO UPDATE SET last_error = ?7",
                       data, error);
  return exec_entry (store,
                     data->conflict
                     ? "UPDATE product_publications SET state = 'conflict', last_error = ?7"
                       " WHERE product_id = ?4 AND account_id = ?2"
                     : "UPDATE product_publications SET state = 'failed', last_error = ?7"
                       " WHERE product_id = ?4 AND account_id = ?2",
                     data, error);
}

/**
 * comptoir_outbox_record_conflict:
 * @store: the store
 * @entry: the entry the platform refused because the object changed there
 * @platform_version: the object's version on the platform, 0 when unknown
 * @message: what to tell the merchant, already translated
 * @error: a #GError
 *
 * Like comptoir_outbox_record_failure() for a conflict, keeping the
 * platform's version for comptoir_outbox_send_local_version().
 */
gboolean
comptoir_outbox_record_conflict (ComptoirStore        *store,
                                 ComptoirOutboxEntry  *entry,
                                 gint64                platform_version,
                                 const char           *message,
                                 GError              **error)
{
  OutcomeData data = { entry, NULL, platform_version, 0, TRUE, message };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return comptoir_store_transaction (store, failure_tx, &data, error);
}

typedef struct
{
  gint64 product_id;
  gint64 account_id;
} ResolveData;

/* A conflict resolved in favour of the merchant: each step bound with the
 * object (?1), its account (?2) and now (?3). */
static gboolean
resolve_steps (ComptoirStore       *store,
               const char * const  *steps,
               guint                n_steps,
               gint64               object_id,
               gint64               account_id,
               GError             **error)
{
  g_autofree char *now = comptoir_now_iso8601 ();

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, object_id);
      sqlite3_bind_int64 (stmt, 2, account_id);
      comptoir_sql_bind_text (stmt, 3, now);
      if (!comptoir_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
send_local_tx (ComptoirStore  *store,
               gpointer        user_data,
               GError        **error)
{
  ResolveData *data = user_data;
  static const char * const steps[] = {
    /* based on the version the platform has now… */
    "UPDATE product_publications SET state = 'pending', last_error = NULL,"
    " remote_version = coalesce ((SELECT CASE WHEN json_extract (o.payload, '$.conflict') > 1"
    "                                    THEN CAST (json_extract (o.payload, '$.conflict') AS TEXT) END"
    "                             FROM outbox o WHERE o.state = 'failed' AND o.account_id = ?2"
    "                             AND o.object_type = 'product' AND o.object_id = ?1"
    "                             AND json_extract (o.payload, '$.conflict') IS NOT NULL"
    "                             ORDER BY o.id DESC LIMIT 1), remote_version)"
    " WHERE product_id = ?1 AND account_id = ?2 AND state = 'conflict'",
    /* …the refused change gives way to the product as it is now */
    "UPDATE outbox SET state = 'done' WHERE state = 'failed' AND account_id = ?2"
    " AND object_type = 'product' AND object_id = ?1 AND json_extract (payload, '$.conflict') IS NOT NULL",
    "INSERT INTO outbox (account_id, object_type, object_id, operation, idempotency_key, created_at)"
    " SELECT ?2, 'product', ?1, 'upsert', comptoir_outbox_key (), ?3"
    " WHERE changes () > 0 AND NOT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' AND account_id = ?2"
    "   AND object_type = 'product' AND object_id = ?1 AND operation = 'upsert' AND attempts = 0)",
  };

  return resolve_steps (store, steps, G_N_ELEMENTS (steps), data->product_id, data->account_id, error);
}

/**
 * comptoir_outbox_send_local_version:
 * @store: the store
 * @product_id: a product in conflict on a platform
 * @account_id: that platform's account
 * @error: a #GError
 *
 * The merchant chose, after a conflict, to replace what the platform has
 * with the product as it is in Comptoir: it is sent again, based on the
 * platform's current version. Nothing happens when there is no conflict.
 */
gboolean
comptoir_outbox_send_local_version (ComptoirStore  *store,
                                    gint64          product_id,
                                    gint64          account_id,
                                    GError        **error)
{
  ResolveData data = { product_id, account_id };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  return comptoir_store_transaction (store, send_local_tx, &data, error);
}

static gboolean
send_local_shop_tx (ComptoirStore  *store,
                    gpointer        user_data,
                    GError        **error)
{
  gint64 account_id = *(gint64 *) user_data;
  static const char * const steps[] = {
    /* the next send is based on the version the platform has now… */
    "INSERT INTO sync_state (account_id, resource, cursor)"
    " SELECT ?2, 'shop', CAST (json_extract (payload, '$.conflict') AS TEXT) FROM outbox"
    " WHERE account_id = ?2 AND object_type = 'shop' AND state = 'failed'"
    " AND json_extract (payload, '$.conflict') > 1 ORDER BY id DESC LIMIT 1"
    " ON CONFLICT (account_id, resource) DO UPDATE SET cursor = excluded.cursor, last_error = NULL",
    /* …and the refused changes give way to the page as it is now */
    "UPDATE outbox SET state = 'done' WHERE account_id = ?2 AND object_type = 'shop' AND state = 'failed'"
    " AND json_extract (payload, '$.conflict') IS NOT NULL",
    "INSERT INTO outbox (account_id, object_type, object_id, operation, idempotency_key, created_at)"
    " SELECT ?2, 'shop', ?1, 'upsert', comptoir_outbox_key (), ?3"
    " WHERE changes () > 0 AND NOT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' AND account_id = ?2"
    "   AND object_type = 'shop' AND operation = 'upsert' AND attempts = 0)",
  };

  return resolve_steps (store, steps, G_N_ELEMENTS (steps), 1, account_id, error);
}

/**
 * comptoir_outbox_send_local_shop:
 * @store: the store
 * @account_id: a platform account where the shop page is in conflict
 * @error: a #GError
 *
 * The merchant chose to replace the shop page the platform has with the
 * one in Comptoir: it is sent again, based on the platform's version.
 * Nothing happens when there is no conflict.
 */
gboolean
comptoir_outbox_send_local_shop (ComptoirStore  *store,
                                 gint64          account_id,
                                 GError        **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  return comptoir_store_transaction (store, send_local_shop_tx, &account_id, error);
}

/**
 * comptoir_outbox_record_failure:
 * @store: the store
 * @entry: the entry the platform refused
 * @conflict: whether it was refused because the object changed there
 * @message: what to tell the merchant, already translated
 * @error: a #GError
 *
 * @entry waits for the merchant: it is not sent again, and @message shows
 * on the object (product_publications, or the shop's sync state).
 */
gboolean
comptoir_outbox_record_failure (ComptoirStore        *store,
                                ComptoirOutboxEntry  *entry,
                                gboolean              conflict,
                                const char           *message,
                                GError              **error)
{
  OutcomeData data = { entry, NULL, 0, 0, conflict, message };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return comptoir_store_transaction (store, failure_tx, &data, error);
}

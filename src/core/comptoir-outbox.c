// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-outbox"

/* Writing outbox entries with every change, and reading where things
 * stand. Sending them is comptoir-outbox-push.c's part. */

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-outbox-private.h"

/* Every connection notes, in temporary tables of its own, what the current
 * transaction changed: the triggers cannot be forgotten by a writer, and a
 * rollback forgets the notes with the changes. comptoir_outbox_collect()
 * turns the notes into entries before COMMIT. Products that are deleted
 * leave their platform ids behind (outbox_gone), for the deletion to send.
 * Without any account there is nothing to note. */
static const char hooks_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS outbox_touched ("
  "  object_type TEXT NOT NULL,"
  "  object_id INTEGER NOT NULL,"
  "  PRIMARY KEY (object_type, object_id)"
  ") WITHOUT ROWID;"
  "CREATE TEMP TABLE IF NOT EXISTS outbox_gone ("
  "  account_id INTEGER NOT NULL,"
  "  product_id INTEGER NOT NULL,"
  "  remote_id TEXT,"
  "  remote_version TEXT,"
  "  PRIMARY KEY (account_id, product_id)"
  ") WITHOUT ROWID;"
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_products_insert AFTER INSERT ON main.products WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', NEW.id);"
  "END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_products_update AFTER UPDATE ON main.products WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', NEW.id);"
  "END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_products_delete BEFORE DELETE ON main.products WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', OLD.id);"
  "  INSERT OR REPLACE INTO outbox_gone"
  "    SELECT account_id, product_id, remote_id, remote_version FROM main.product_publications"
  "    WHERE product_id = OLD.id;"
  "END;"
#define DETAIL_TRIGGERS(table) \
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_" table "_insert AFTER INSERT ON main." table " WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN" \
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', NEW.product_id);" \
  "END;" \
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_" table "_update AFTER UPDATE ON main." table " WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN" \
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', NEW.product_id);" \
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', OLD.product_id);" \
  "END;" \
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_" table "_delete AFTER DELETE ON main." table " WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN" \
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('product', OLD.product_id);" \
  "END;"
  DETAIL_TRIGGERS ("product_photos")
  DETAIL_TRIGGERS ("product_options")
  DETAIL_TRIGGERS ("product_variants")
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_shop_insert AFTER INSERT ON main.shop WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('shop', 1);"
  "END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_shop_update AFTER UPDATE ON main.shop WHEN EXISTS (SELECT 1 FROM main.accounts) BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('shop', 1);"
  "END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS outbox_accounts_insert AFTER INSERT ON main.accounts BEGIN"
  "  INSERT OR IGNORE INTO outbox_touched VALUES ('account', NEW.id);"
  "END;";

/* A fresh idempotency key, from SQL, for entries written in bulk. */
static void
sql_new_key (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  sqlite3_result_text (context, g_uuid_string_random (), -1, g_free);
}

/**
 * comptoir_outbox_install_hooks:
 * @db: a connection of the store
 *
 * Adds the change notes to @db, all or nothing. A database without the
 * catalogue tables (an older schema in tests) simply gets none.
 */
void
comptoir_outbox_install_hooks (sqlite3 *db)
{
  if (db == NULL)
    return;
  sqlite3_create_function_v2 (db, "comptoir_outbox_key", 0, SQLITE_UTF8, NULL, sql_new_key, NULL, NULL, NULL);
  if (sqlite3_exec (db, "SAVEPOINT outbox_hooks", NULL, NULL, NULL) != SQLITE_OK)
    return;
  if (sqlite3_exec (db, hooks_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("No outbox on this database: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK TO outbox_hooks", NULL, NULL, NULL);
    }
  sqlite3_exec (db, "RELEASE outbox_hooks", NULL, NULL, NULL);
}

/* What the transaction changed, for every account, set by set (a CSV
 * import touches thousands of products at once). ?1 is now.
 *
 * A change merges into its object's entry that was never attempted: that
 * one will send the latest state anyway (rule 3). An undone deletion
 * takes back its deletion when nothing else was published since. A
 * deleted product loses its entries that were never attempted; where it is
 * (or may be, after an attempt whose answer was lost) on a platform, a
 * deletion follows, frozen now: its platform id is known only here (the
 * publication rows went with the product). */
static const char * const collect_sql[] = {
  /* new accounts: the shop (once it has a name) and every product that is
   * not archived, once (an account row is inserted once) */
  "INSERT INTO outbox (account_id, object_type, object_id, operation, idempotency_key, created_at)"
  " SELECT t.object_id, 'shop', 1, 'upsert', comptoir_outbox_key (), ?1"
  " FROM temp.outbox_touched t JOIN accounts a ON a.id = t.object_id JOIN shop s ON s.id = 1"
  " WHERE t.object_type = 'account' AND s.name <> ''",
  "INSERT INTO outbox (account_id, object_type, object_id, operation, idempotency_key, created_at)"
  " SELECT t.object_id, 'product', p.id, 'upsert', comptoir_outbox_key (), ?1"
  " FROM temp.outbox_touched t JOIN accounts a ON a.id = t.object_id JOIN products p"
  " WHERE t.object_type = 'account' AND p.archived = 0 ORDER BY t.object_id, p.id",
  "INSERT OR IGNORE INTO product_publications (product_id, account_id)"
  " SELECT p.id, t.object_id FROM temp.outbox_touched t JOIN accounts a ON a.id = t.object_id JOIN products p"
  " WHERE t.object_type = 'account' AND p.archived = 0",

  /* products restored by an undo */
  "DELETE FROM outbox WHERE state = 'pending' AND attempts = 0 AND operation = 'delete'"
  " AND object_type = 'product'"
  " AND object_id IN (SELECT t.object_id FROM temp.outbox_touched t JOIN products p ON p.id = t.object_id"
  "                   WHERE t.object_type = 'product')"
  " AND json_extract (payload, '$.remote_id') IS"
  "   (SELECT remote_id FROM product_publications pp"
  "    WHERE pp.product_id = outbox.object_id AND pp.account_id = outbox.account_id)",
  /* …and where its deletion was already sent (or may have been: an
   * attempt whose answer was lost), the platform may not have it any
   * more: it is created there again rather than updated */
  "UPDATE product_publications SET remote_id = NULL, remote_version = NULL"
  " WHERE remote_id IS NOT NULL"
  " AND product_id IN (SELECT t.object_id FROM temp.outbox_touched t JOIN products p ON p.id = t.object_id"
  "                    WHERE t.object_type = 'product')"
  " AND EXISTS (SELECT 1 FROM outbox o WHERE o.state IN ('pending', 'failed', 'done')"
  "   AND o.account_id = product_publications.account_id AND o.object_type = 'product'"
  "   AND o.object_id = product_publications.product_id AND o.operation = 'delete'"
  "   AND json_extract (o.payload, '$.remote_id') IS product_publications.remote_id)",

  /* changed shop and products */
  "INSERT INTO outbox (account_id, object_type, object_id, operation, idempotency_key, created_at)"
  " SELECT a.id, t.object_type, t.object_id, 'upsert', comptoir_outbox_key (), ?1"
  " FROM temp.outbox_touched t CROSS JOIN accounts a"
  " WHERE (t.object_type = 'shop' OR (t.object_type = 'product'"
  "        AND EXISTS (SELECT 1 FROM products p WHERE p.id = t.object_id)))"
  " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' AND o.account_id = a.id"
  "   AND o.object_type = t.object_type AND o.object_id = t.object_id"
  "   AND o.operation = 'upsert' AND o.attempts = 0)"
  " ORDER BY t.object_type DESC, t.object_id, a.id",
  /* the product shows as waiting on every platform, except where a
   * conflict waits for the merchant */
  "INSERT INTO product_publications (product_id, account_id)"
  " SELECT p.id, a.id FROM temp.outbox_touched t JOIN products p ON p.id = t.object_id CROSS JOIN accounts a"
  " WHERE t.object_type = 'product'"
  " ON CONFLICT (product_id, account_id) DO UPDATE SET state = 'pending' WHERE state <> 'conflict'",

  /* deleted products */
  "DELETE FROM outbox WHERE state = 'pending' AND attempts = 0 AND operation = 'upsert'"
  " AND object_type = 'product'"
  " AND object_id IN (SELECT t.object_id FROM temp.outbox_touched t WHERE t.object_type = 'product'"
  "                   AND NOT EXISTS (SELECT 1 FROM products p WHERE p.id = t.object_id))",
  "INSERT INTO outbox (account_id, object_type, object_id, operation, payload, idempotency_key, created_at)"
  " SELECT a.id, 'product', t.object_id, 'delete',"
  "   json_object ('op', 'delete', 'remote_id', g.remote_id, 'if_match', 0), comptoir_outbox_key (), ?1"
  " FROM temp.outbox_touched t CROSS JOIN accounts a"
  " LEFT JOIN temp.outbox_gone g ON g.account_id = a.id AND g.product_id = t.object_id"
  " WHERE t.object_type = 'product' AND NOT EXISTS (SELECT 1 FROM products p WHERE p.id = t.object_id)"
  " AND (g.remote_id IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o"
  "   WHERE o.account_id = a.id AND o.object_type = 'product' AND o.object_id = t.object_id"
  "   AND o.state = 'pending'))"
  " ORDER BY t.object_id, a.id",
};

/**
 * comptoir_outbox_collect:
 * @store: the store, inside a transaction
 * @error: a #GError
 *
 * Writes the outbox entries for what the current transaction changed.
 */
gboolean
comptoir_outbox_collect (ComptoirStore  *store,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  int rc;

  stmt = comptoir_store_prepare (store,
                                 "SELECT EXISTS (SELECT 1 FROM temp.outbox_touched)"
                                 " AND EXISTS (SELECT 1 FROM accounts)",
                                 NULL);
  if (stmt == NULL)
    return TRUE; /* no catalogue in this database */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0))
    {
      now = comptoir_now_iso8601 ();
      for (guint i = 0; i < G_N_ELEMENTS (collect_sql); i++)
        {
          g_autoptr(sqlite3_stmt) step = comptoir_store_prepare (store, collect_sql[i], error);

          if (step == NULL)
            return FALSE;
          comptoir_sql_bind_text (step, 1, now);
          if (!comptoir_store_step_done (store, step, error))
            return FALSE;
        }
    }
  return comptoir_outbox_discard_changes (store, error);
}

/**
 * comptoir_outbox_discard_changes:
 * @store: the store, inside a transaction
 * @error: a #GError
 *
 * Forgets what the current transaction changed so far, so that it writes
 * no outbox entry: for changes that come from a platform (pulls), which
 * must not be sent back to it.
 */
gboolean
comptoir_outbox_discard_changes (ComptoirStore  *store,
                                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  stmt = comptoir_store_prepare (store, "DELETE FROM temp.outbox_touched", NULL);
  if (stmt == NULL)
    return TRUE;
  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;
  return comptoir_store_exec (store, "DELETE FROM temp.outbox_gone", error);
}

/**
 * comptoir_outbox_get_summary:
 * @store: the store
 * @account_id: a platform account
 * @out: (out caller-allocates): the summary
 * @error: a #GError
 *
 * How many changes wait to be sent to that account, how many the merchant
 * must look at, and when the next attempt is due.
 */
gboolean
comptoir_outbox_get_summary (ComptoirStore          *store,
                             gint64                  account_id,
                             ComptoirOutboxSummary  *out,
                             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = comptoir_store_prepare (store,
                                 "SELECT"
                                 "  count (*) FILTER (WHERE state = 'pending'),"
                                 /* a refused action on an order shows on that order only */
                                 "  count (*) FILTER (WHERE state = 'failed' AND object_type <> 'order'"
                                 "    AND json_extract (payload, '$.conflict') IS NULL),"
                                 "  count (*) FILTER (WHERE state = 'failed' AND object_type <> 'order'"
                                 "    AND json_extract (payload, '$.conflict') IS NOT NULL),"
                                 /* only the first entry of each object can be due */
                                 "  CAST (strftime ('%s', min (CASE WHEN state = 'pending'"
                                 "    AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending'"
                                 "      AND e.account_id = o.account_id AND e.object_type = o.object_type"
                                 "      AND e.object_id = o.object_id AND e.id < o.id)"
                                 "    THEN coalesce (next_attempt_at, created_at) END)) AS INTEGER)"
                                 " FROM outbox o WHERE account_id = ?1 AND state <> 'done'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  out->pending = (guint) sqlite3_column_int64 (stmt, 0);
  out->failed = (guint) sqlite3_column_int64 (stmt, 1);
  out->conflicts = (guint) sqlite3_column_int64 (stmt, 2);
  out->next_attempt_unix = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

void
comptoir_publication_free (ComptoirPublication *publication)
{
  if (publication == NULL)
    return;
  g_free (publication->state);
  g_free (publication->remote_id);
  g_free (publication->last_error);
  g_free (publication);
}

/**
 * comptoir_outbox_list_publications:
 * @store: the store
 * @product_id: a product
 * @error: a #GError
 *
 * Returns: (transfer full) (element-type ComptoirPublication): where the
 *   product stands on each platform account it concerns, by account
 */
GPtrArray *
comptoir_outbox_list_publications (ComptoirStore  *store,
                                   gint64          product_id,
                                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_publication_free);
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store,
                                 "SELECT account_id, state, remote_id, CAST (remote_version AS INTEGER), last_error"
                                 " FROM product_publications WHERE product_id = ?1 ORDER BY account_id",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ComptoirPublication *publication = g_new0 (ComptoirPublication, 1);

      publication->account_id = sqlite3_column_int64 (stmt, 0);
      publication->state = g_strdup (comptoir_sql_column_text (stmt, 1));
      publication->remote_id = g_strdup (comptoir_sql_column_text (stmt, 2));
      publication->remote_version = sqlite3_column_int64 (stmt, 3);
      publication->last_error = g_strdup (comptoir_sql_column_text (stmt, 4));
      g_ptr_array_add (list, publication);
    }
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * comptoir_outbox_count_refused_products:
 * @store: the store
 * @account_id: a platform account
 *
 * Returns: how many products that platform refused (the last change, or
 *   because they changed there too), waiting for the merchant
 */
guint
comptoir_outbox_count_refused_products (ComptoirStore *store,
                                        gint64         account_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), 0);

  stmt = comptoir_store_prepare (store,
                                 "SELECT count (*) FROM product_publications"
                                 " WHERE account_id = ?1 AND state IN ('failed', 'conflict')",
                                 NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * comptoir_outbox_get_shop_publication:
 * @store: the store
 * @account_id: a platform account
 * @error: a #GError
 *
 * Where the shop profile stands on that account: its last change not yet
 * done decides ("pending", "failed", "conflict"); otherwise "published"
 * once sent, "pending" before.
 *
 * Returns: (transfer full) (nullable): the state, %NULL on error
 */
ComptoirPublication *
comptoir_outbox_get_shop_publication (ComptoirStore  *store,
                                      gint64          account_id,
                                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ComptoirPublication) publication = g_new0 (ComptoirPublication, 1);
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store,
                                 "SELECT"
                                 "  (SELECT CASE WHEN state = 'pending' THEN 'pending'"
                                 "     WHEN json_extract (payload, '$.conflict') IS NOT NULL THEN 'conflict' ELSE 'failed' END"
                                 "   FROM outbox WHERE account_id = ?1 AND object_type = 'shop' AND state <> 'done'"
                                 "   ORDER BY id DESC LIMIT 1),"
                                 "  (SELECT last_error FROM outbox WHERE account_id = ?1 AND object_type = 'shop'"
                                 "   AND state = 'failed' ORDER BY id DESC LIMIT 1),"
                                 "  (SELECT CAST (cursor AS INTEGER) FROM sync_state WHERE account_id = ?1 AND resource = 'shop'),"
                                 "  (SELECT last_success_at FROM sync_state WHERE account_id = ?1 AND resource = 'shop')",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  publication->account_id = account_id;
  publication->remote_version = sqlite3_column_int64 (stmt, 2);
  if (comptoir_sql_column_text (stmt, 0) != NULL)
    publication->state = g_strdup (comptoir_sql_column_text (stmt, 0));
  else
    publication->state = g_strdup (comptoir_sql_column_text (stmt, 3) != NULL ? "published" : "pending");
  if (!g_str_equal (publication->state, "published") && !g_str_equal (publication->state, "pending"))
    publication->last_error = g_strdup (comptoir_sql_column_text (stmt, 1));
  return g_steal_pointer (&publication);
}

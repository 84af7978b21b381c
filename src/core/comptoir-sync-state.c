// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-sync-state"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "comptoir-store-private.h"
#include "comptoir-sync-state.h"

/* sync_state keeps one row per account and resource. Its cursor column
 * holds the whole ComptoirSyncPosition as a small JSON object, so that a
 * pull resumes from exactly what its last committed page left. */

void
comptoir_sync_position_clear (ComptoirSyncPosition *position)
{
  g_clear_pointer (&position->since, g_free);
  g_clear_pointer (&position->next, g_free);
  g_clear_pointer (&position->seen, g_free);
}

static char *
dup_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
decode_position (const char           *text,
                 ComptoirSyncPosition *position)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* Anything unreadable means "from the beginning": pulling everything
   * again costs time, never a row (writes are upserts). */
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  position->since = dup_member (json_node_get_object (root), "since");
  position->next = dup_member (json_node_get_object (root), "next");
  position->seen = dup_member (json_node_get_object (root), "seen");
}

static char *
encode_position (const ComptoirSyncPosition *position)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (position->since != NULL)
    {
      json_builder_set_member_name (builder, "since");
      json_builder_add_string_value (builder, position->since);
    }
  if (position->next != NULL)
    {
      json_builder_set_member_name (builder, "next");
      json_builder_add_string_value (builder, position->next);
    }
  if (position->seen != NULL)
    {
      json_builder_set_member_name (builder, "seen");
      json_builder_add_string_value (builder, position->seen);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * comptoir_sync_state_load_position:
 * @position: (out caller-allocates): filled; clear it with
 *   comptoir_sync_position_clear()
 *
 * Reads where the pull of @resource stands; all %NULL when it never ran.
 */
gboolean
comptoir_sync_state_load_position (ComptoirStore         *store,
                                   gint64                 account_id,
                                   const char            *resource,
                                   ComptoirSyncPosition  *position,
                                   GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  memset (position, 0, sizeof *position);
  stmt = comptoir_store_prepare (store,
                                 "SELECT cursor FROM sync_state WHERE account_id = ?1 AND resource = ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, resource);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    decode_position (comptoir_sql_column_text (stmt, 0), position);
  else if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_sync_state_save_position:
 * @finished: the pull brought its last page: records the time of this
 *   success and clears the last error
 *
 * Records where the pull of @resource stands. Call it inside the
 * comptoir_store_transaction() that writes the page it follows, so that
 * the page and the position are committed together or not at all.
 */
gboolean
comptoir_sync_state_save_position (ComptoirStore               *store,
                                   gint64                       account_id,
                                   const char                  *resource,
                                   const ComptoirSyncPosition  *position,
                                   gboolean                     finished,
                                   GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  text = encode_position (position);
  now = finished ? comptoir_now_iso8601 () : NULL;
  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO sync_state (account_id, resource, cursor, last_success_at) "
                                 "VALUES (?1, ?2, ?3, ?4) "
                                 "ON CONFLICT (account_id, resource) DO UPDATE SET cursor = excluded.cursor, "
                                 "last_success_at = coalesce (excluded.last_success_at, last_success_at), "
                                 "last_error = CASE WHEN ?4 IS NULL THEN last_error END",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, resource);
  comptoir_sql_bind_text (stmt, 3, text);
  comptoir_sql_bind_text (stmt, 4, now);
  return comptoir_store_step_done (store, stmt, error);
}

/**
 * comptoir_sync_state_set_error:
 * @message: what went wrong, in the merchant's words
 *
 * Records why the last pull of @resource stopped; what it had written
 * stays, and so does its position. Call it inside a transaction.
 */
gboolean
comptoir_sync_state_set_error (ComptoirStore  *store,
                               gint64          account_id,
                               const char     *resource,
                               const char     *message,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO sync_state (account_id, resource, last_error) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT (account_id, resource) DO UPDATE SET last_error = excluded.last_error",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, resource);
  comptoir_sql_bind_text (stmt, 3, message);
  return comptoir_store_step_done (store, stmt, error);
}

/**
 * comptoir_sync_state_get_status:
 * @last_success_at: (out) (optional) (nullable): when a pull of @resource
 *   last finished (UTC, ISO 8601), %NULL if never
 * @last_error: (out) (optional) (nullable): why the last pull stopped,
 *   %NULL if it did not
 *
 * What the Publishing section shows of a resource's pulls.
 */
gboolean
comptoir_sync_state_get_status (ComptoirStore  *store,
                                gint64          account_id,
                                const char     *resource,
                                char          **last_success_at,
                                char          **last_error,
                                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  if (last_success_at != NULL)
    *last_success_at = NULL;
  if (last_error != NULL)
    *last_error = NULL;
  stmt = comptoir_store_prepare (store,
                                 "SELECT last_success_at, last_error FROM sync_state "
                                 "WHERE account_id = ?1 AND resource = ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, resource);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (last_success_at != NULL)
        *last_success_at = g_strdup (comptoir_sql_column_text (stmt, 0));
      if (last_error != NULL)
        *last_error = g_strdup (comptoir_sql_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

// SPDX-License-Identifier: GPL-3.0-or-later
//
// Storage of the sandbox: one SQLite database (a file, or in memory). Platform objects
// are kept as JSON documents in one table, keyed by (scope, kind, id) and indexed by
// their last change, which is all the lists need for cursor paging.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS settings ("
  "  name TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS objects ("
  "  scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL, data TEXT NOT NULL,"
  "  PRIMARY KEY (scope, kind, id));"
  "CREATE INDEX IF NOT EXISTS objects_by_change ON objects (scope, kind, updated_at, id);"
  "CREATE TABLE IF NOT EXISTS merchants ("
  "  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  token TEXT PRIMARY KEY, kind TEXT NOT NULL, merchant TEXT NOT NULL,"
  "  parent TEXT, expires_at INTEGER, revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS api_keys ("
  "  key TEXT PRIMARY KEY, listing TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB,"
  "  created_at INTEGER NOT NULL, PRIMARY KEY (scope, key));"
  "CREATE TABLE IF NOT EXISTS media_content ("
  "  id TEXT PRIMARY KEY, content_type TEXT NOT NULL, data BLOB NOT NULL);";

gboolean
sandbox_db_open (Sandbox  *sb,
                 GError  **error)
{
  const char *file = sb->data_file ? sb->data_file : ":memory:";

  if (sqlite3_open (file, &sb->db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot open %s: %s", file, sqlite3_errmsg (sb->db));
      return FALSE;
    }
  sqlite3_busy_timeout (sb->db, 2000);
  if (sb->data_file)
    sandbox_db_exec (sb, "PRAGMA journal_mode=WAL;");
  sandbox_db_exec (sb, schema_sql);
  return TRUE;
}

void
sandbox_db_exec (Sandbox    *sb,
                 const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (sb->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_critical ("SQL failed: %s (%s)", msg, sql);
      sqlite3_free (msg);
    }
}

sqlite3_stmt *
sandbox_db_prepare (Sandbox    *sb,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sb->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare %s: %s", sql, sqlite3_errmsg (sb->db));
  return stmt;
}

/* sqlite3_step(), logging a failure (anything but a row or the end) and counting it
 * so that the request it belongs to answers 500 and its transaction rolls back. */
int
sandbox_db_step (Sandbox      *sb,
                 sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_warning ("SQL failed: %s (%s)", sqlite3_errmsg (sb->db), sqlite3_sql (stmt));
      sb->db_failures++;
    }
  return rc;
}

char *
sandbox_db_get_setting (Sandbox    *sb,
                        const char *name)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (sb, "SELECT value FROM settings WHERE name = ?");
  char *value = NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sandbox_db_step (sb, stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

void
sandbox_db_set_setting (Sandbox    *sb,
                        const char *name,
                        const char *value)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (sb, "INSERT OR REPLACE INTO settings VALUES (?, ?)");

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sandbox_db_step (sb, stmt);
  sqlite3_finalize (stmt);
}

/* Timestamps order list items, so two changes never share one: microseconds, and a
 * stamp never goes backwards nor repeats within a run. */
char *
sandbox_now (Sandbox *sb)
{
  gint64 now = g_get_real_time ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  if (now <= sb->last_stamp)
    now = sb->last_stamp + 1;
  sb->last_stamp = now;
  dt = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", base, (int) (now % G_USEC_PER_SEC));
}

char *
sandbox_new_id (Sandbox    *sb,
                const char *prefix)
{
  return g_strdup_printf ("%s_%08x%04x", prefix,
                          g_rand_int (sb->rand), g_rand_int (sb->rand) & 0xffff);
}

JsonObject *
sandbox_parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
sandbox_obj_load (Sandbox    *sb,
                  const char *scope,
                  const char *kind,
                  const char *id)
{
  sqlite3_stmt *stmt;
  JsonObject *obj = NULL;

  stmt = sandbox_db_prepare (sb, "SELECT data FROM objects WHERE scope = ? AND kind = ? AND id = ?");
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  if (sandbox_db_step (sb, stmt) == SQLITE_ROW)
    obj = sandbox_parse_object ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return obj;
}

static char *
object_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, obj);
  return json_to_string (node, FALSE);
}

/* Saving is a change: bumps the version and the change stamp. JSON-LD objects (with
 * "@context") use schema.org-style member names for the bookkeeping. */
void
sandbox_obj_save (Sandbox    *sb,
                  const char *scope,
                  const char *kind,
                  JsonObject *obj)
{
  gboolean ld = json_object_has_member (obj, "@context");
  const char *id_member = ld ? "identifier" : "id";
  g_autofree char *now = sandbox_now (sb);
  g_autofree char *text = NULL;
  gint64 version = 0;
  sqlite3_stmt *stmt;

  if (json_object_has_member (obj, "version"))
    version = json_object_get_int_member (obj, "version");
  json_object_set_int_member (obj, "version", version + 1);
  if (ld)
    json_object_set_string_member (obj, "dateModified", now);
  else
    {
      if (!json_object_has_member (obj, "created_at"))
        json_object_set_string_member (obj, "created_at", now);
      json_object_set_string_member (obj, "updated_at", now);
    }

  text = object_to_string (obj);
  stmt = sandbox_db_prepare (sb, "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (obj, id_member), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  sandbox_db_step (sb, stmt);
  sqlite3_finalize (stmt);
}

gboolean
sandbox_obj_delete (Sandbox    *sb,
                    const char *scope,
                    const char *kind,
                    const char *id)
{
  sqlite3_stmt *stmt;

  stmt = sandbox_db_prepare (sb, "DELETE FROM objects WHERE scope = ? AND kind = ? AND id = ?");
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  sandbox_db_step (sb, stmt);
  sqlite3_finalize (stmt);
  return sqlite3_changes (sb->db) > 0;
}

/* A cursor is the (updated_at, id) of the last item of the page, base64url-encoded:
 * opaque to clients, stable while objects change. */
static char *
cursor_encode (const char *updated_at,
               const char *id)
{
  g_autofree char *raw = g_strdup_printf ("%s\n%s", updated_at, id);
  char *b64 = g_base64_encode ((const guchar *) raw, strlen (raw));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  return b64;
}

static gboolean
cursor_decode (const char  *cursor,
               char       **updated_at,
               char       **id)
{
  g_autofree char *b64 = g_strdup (cursor);
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = 0;

  if (strlen (cursor) > 512 || strlen (cursor) % 4 != 0)
    return FALSE;
  g_strdelimit (b64, "-", '+');
  g_strdelimit (b64, "_", '/');
  raw = g_base64_decode (b64, &len);
  if (raw == NULL || len == 0)
    return FALSE;
  text = g_strndup ((const char *) raw, len);
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  parts = g_strsplit (text, "\n", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;
  *updated_at = g_strdup (parts[0]);
  *id = g_strdup (parts[1]);
  return TRUE;
}

static char *
canonical_time (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *base = NULL;

  if (dt == NULL)
    return NULL;
  utc = g_date_time_to_utc (dt);
  base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", base, g_date_time_get_microsecond (utc));
}

void
sandbox_list (SandboxReq *req,
              const char *kind,
              const char *state_filter)
{
  Sandbox *sb = req->sb;
  const char *limit_s = req->query ? g_hash_table_lookup (req->query, "limit") : NULL;
  const char *cursor = req->query ? g_hash_table_lookup (req->query, "cursor") : NULL;
  const char *since_s = req->query ? g_hash_table_lookup (req->query, "updated_since") : NULL;
  g_autofree char *since = NULL;
  g_autofree char *after_time = NULL;
  g_autofree char *after_id = NULL;
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonObject) page = json_object_new ();
  g_autofree char *last_time = NULL;
  g_autofree char *last_id = NULL;
  JsonArray *items = json_array_new ();
  gint64 limit = 50;
  sqlite3_stmt *stmt;
  int n = 0;

#define LIST_ERROR(f, c, m) G_STMT_START {                           \
    JsonObject *e = json_object_new ();                               \
    json_object_set_string_member (e, "field", f);                    \
    json_object_set_string_member (e, "code", c);                     \
    json_object_set_string_member (e, "message", m);                  \
    json_array_add_object_element (errors, e);                        \
  } G_STMT_END

  if (limit_s != NULL)
    {
      char *end = NULL;

      limit = g_ascii_strtoll (limit_s, &end, 10);
      if (end == limit_s || *end != '\0')
        LIST_ERROR ("limit", "invalid_type", "must be an integer");
      else if (limit < 1 || limit > 200)
        LIST_ERROR ("limit", "out_of_range", "must be between 1 and 200");
    }
  if (cursor != NULL && !cursor_decode (cursor, &after_time, &after_id))
    LIST_ERROR ("cursor", "invalid_value", "is not a cursor returned by this server");
  if (since_s != NULL && (since = canonical_time (since_s)) == NULL)
    LIST_ERROR ("updated_since", "invalid_format", "must be an RFC 3339 date-time");
  if (state_filter != NULL)
    {
      static const char * const states[] = { "new", "accepted", "ready", "completed",
                                             "rejected", "cancelled", NULL };
      if (!g_strv_contains (states, state_filter))
        LIST_ERROR ("state", "invalid_value",
                    "must be one of new, accepted, ready, completed, rejected, cancelled");
    }
#undef LIST_ERROR
  if (json_array_get_length (errors) > 0)
    {
      json_array_unref (items);
      sandbox_problem_fields (req, g_steal_pointer (&errors));
      return;
    }

  stmt = sandbox_db_prepare (sb,
                             "SELECT data, updated_at, id FROM objects"
                             " WHERE scope = ?1 AND kind = ?2"
                             " AND (?3 IS NULL OR updated_at > ?3 OR (updated_at = ?3 AND id > ?4))"
                             " AND (?5 IS NULL OR updated_at >= ?5)"
                             " AND (?6 IS NULL OR json_extract(data, '$.state') = ?6)"
                             " ORDER BY updated_at, id LIMIT ?7");
  sqlite3_bind_text (stmt, 1, req->scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, after_time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, after_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, state_filter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, limit + 1);
  while (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
    {
      JsonObject *item;

      if (n == limit)
        break;
      item = sandbox_parse_object ((const char *) sqlite3_column_text (stmt, 0));
      if (item == NULL)
        continue;
      json_array_add_object_element (items, item);
      g_free (last_time);
      g_free (last_id);
      last_time = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      last_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      n++;
    }
  /* The loop stopped on row limit+1: there is a next page. */
  if (n == limit && sqlite3_stmt_busy (stmt) && last_time != NULL)
    {
      g_autofree char *next = cursor_encode (last_time, last_id);
      json_object_set_array_member (page, "items", items);
      json_object_set_string_member (page, "next_cursor", next);
    }
  else
    {
      json_object_set_array_member (page, "items", items);
      json_object_set_null_member (page, "next_cursor");
    }
  sqlite3_finalize (stmt);
  sandbox_respond_json (req, SOUP_STATUS_OK,
                        g_strcmp0 (req->prefix, SANDBOX_DIRECTORY_PREFIX) == 0
                          ? "application/ld+json" : "application/json",
                        page);
}

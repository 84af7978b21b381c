// SPDX-License-Identifier: GPL-3.0-or-later
//
// HTTP plumbing shared by both platforms: dispatch, problem+json answers, body
// parsing, If-Match, idempotent replay, rate limiting, fault injection and media.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

#define PROBLEM_BASE "https://comptoir.github.io/problems/"

typedef struct
{
  double tokens;
  gint64 last_us;
} RateBucket;

static void
req_free (SandboxReq *req)
{
  g_clear_object (&req->msg);
  g_clear_pointer (&req->path, g_free);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->scope, g_free);
  g_free (req);
}

static void
set_body (SandboxReq *req,
          guint       status,
          const char *content_type,
          char       *text)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

void
sandbox_respond_json (SandboxReq *req,
                      guint       status,
                      const char *content_type,
                      JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, obj);
  set_body (req, status, content_type ? content_type : "application/json",
            json_to_string (node, FALSE));
}

/* One object: its version goes out as a strong ETag. */
void
sandbox_respond_object (SandboxReq *req,
                        guint       status,
                        const char *content_type,
                        JsonObject *obj,
                        const char *location)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (json_object_has_member (obj, "version"))
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                               json_object_get_int_member (obj, "version"));
      soup_message_headers_replace (headers, "ETag", etag);
    }
  if (location != NULL)
    soup_message_headers_replace (headers, "Location", location);
  sandbox_respond_json (req, status, content_type, obj);
}

static JsonObject *
problem_new (SandboxReq *req,
             guint       status,
             const char *type,
             const char *title,
             const char *detail)
{
  JsonObject *p = json_object_new ();
  g_autofree char *uri = g_strconcat (PROBLEM_BASE, type, NULL);

  json_object_set_string_member (p, "type", uri);
  json_object_set_string_member (p, "title", title);
  json_object_set_int_member (p, "status", status);
  if (detail != NULL)
    json_object_set_string_member (p, "detail", detail);
  json_object_set_string_member (p, "instance", req->path);
  return p;
}

void
sandbox_problem (SandboxReq *req,
                 guint       status,
                 const char *type,
                 const char *title,
                 const char *detail)
{
  g_autoptr(JsonObject) p = problem_new (req, status, type, title, detail);

  soup_message_headers_remove (soup_server_message_get_response_headers (req->msg), "ETag");
  sandbox_respond_json (req, status, "application/problem+json", p);
}

/* The database failed during the request: whatever it changed is rolled back by the
 * caller, and the client is told to retry. */
void
sandbox_storage_failed (SandboxReq *req)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_remove (h, "Location");
  soup_message_headers_remove (h, "Idempotent-Replayed");
  /* set_response() appends: drop the answer written before the failure showed. */
  soup_message_body_truncate (soup_server_message_get_response_body (req->msg));
  sandbox_problem (req, 500, "internal-error", "Internal error",
                   "The platform could not store the change; nothing was applied. Retry.");
}

/* Takes ownership of @errors. */
void
sandbox_problem_fields (SandboxReq *req,
                        JsonArray  *errors)
{
  guint n = json_array_get_length (errors);
  g_autofree char *detail = g_strdup_printf (n == 1 ? "%u field is not valid."
                                                    : "%u fields are not valid.", n);
  g_autoptr(JsonObject) p = problem_new (req, 422, "validation-failed", "Validation failed", detail);

  json_object_set_array_member (p, "errors", errors);
  sandbox_respond_json (req, 422, "application/problem+json", p);
}

JsonObject *
sandbox_read_body (SandboxReq *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (req->body, &len);
  JsonNode *root;

  if (len > SANDBOX_MAX_JSON_BODY)
    {
      sandbox_problem (req, 413, "payload-too-large", "Payload too large",
                       "JSON bodies are limited to 1 MiB.");
      return NULL;
    }
  if (len == 0 || !json_parser_load_from_data (parser, data, len, &error))
    {
      g_autofree char *detail = g_strdup_printf ("The body is not valid JSON: %s",
                                                 error ? error->message : "empty body");
      sandbox_problem (req, 400, "bad-request", "Bad request", detail);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      sandbox_problem (req, 400, "bad-request", "Bad request", "The body must be a JSON object.");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* If-Match: absent or "*" passes; otherwise one of the listed tags must be the current
 * version. Writes the 412 itself. */
gboolean
sandbox_check_if_match (SandboxReq *req,
                        JsonObject *current)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "If-Match");
  g_auto(GStrv) tags = NULL;
  gint64 version = 0;
  g_autofree char *detail = NULL;
  g_autoptr(JsonObject) p = NULL;

  if (header == NULL)
    return TRUE;
  if (current != NULL && json_object_has_member (current, "version"))
    version = json_object_get_int_member (current, "version");
  tags = g_strsplit (header, ",", -1);
  if (current != NULL && g_strv_length (tags) == 1 && strcmp (g_strstrip (tags[0]), "*") == 0)
    return TRUE;
  for (guint i = 0; current != NULL && tags[i] != NULL; i++)
    {
      char *tag = g_strstrip (tags[i]);
      gsize len;

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      len = strlen (tag);
      if (len >= 2 && tag[0] == '"' && tag[len - 1] == '"')
        {
          tag[len - 1] = '\0';
          tag++;
        }
      if (*tag != '\0' && g_ascii_strtoll (tag, NULL, 10) == version
          && strspn (tag, "0123456789") == strlen (tag))
        return TRUE;
    }

  if (current == NULL)
    detail = g_strdup ("The object does not exist yet.");
  else
    detail = g_strdup_printf ("The object is at version %" G_GINT64_FORMAT
                              ", the request was based on %s.", version, header);
  p = problem_new (req, 412, "version-mismatch", "Version mismatch", detail);
  if (current != NULL)
    json_object_set_int_member (p, "current_version", version);
  sandbox_respond_json (req, 412, "application/problem+json", p);
  return FALSE;
}

void
sandbox_count_applied (Sandbox    *sb,
                       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sb->applied, key));

  g_hash_table_insert (sb->applied, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

JsonObject *
sandbox_counters (Sandbox *sb)
{
  JsonObject *c = json_object_new ();
  JsonObject *keys = json_object_new ();
  GHashTableIter iter;
  gpointer k, v;

  json_object_set_int_member (c, "requests_total", sb->requests_total);
  json_object_set_int_member (c, "requests_faulted", sb->requests_faulted);
  g_hash_table_iter_init (&iter, sb->applied);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      JsonObject *e = json_object_new ();

      json_object_set_int_member (e, "applied", GPOINTER_TO_UINT (v));
      json_object_set_int_member (e, "replayed",
                                  GPOINTER_TO_UINT (g_hash_table_lookup (sb->replayed, k)));
      json_object_set_object_member (keys, k, e);
    }
  json_object_set_object_member (c, "idempotency", keys);
  return c;
}

static gboolean
rate_limited (SandboxReq *req)
{
  Sandbox *sb = req->sb;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (req->msg);
  const char *cred = soup_message_headers_get_one (h, "Authorization");
  g_autofree char *key = NULL;
  RateBucket *b;
  gint64 now = g_get_monotonic_time ();
  double capacity = MAX (1.0, sb->rate_limit);

  if (sb->rate_limit <= 0)
    return FALSE;
  if (cred != NULL)
    key = g_strdup (cred);
  else
    key = g_strdup_printf ("host:%s", soup_server_message_get_remote_host (req->msg));
  b = g_hash_table_lookup (sb->buckets, key);
  if (b == NULL)
    {
      b = g_new0 (RateBucket, 1);
      b->tokens = capacity;
      b->last_us = now;
      g_hash_table_insert (sb->buckets, g_steal_pointer (&key), b);
    }
  b->tokens = MIN (capacity, b->tokens + (now - b->last_us) * sb->rate_limit / G_USEC_PER_SEC);
  b->last_us = now;
  if (b->tokens >= 1.0)
    {
      b->tokens -= 1.0;
      return FALSE;
    }
  else
    {
      double missing = (1.0 - b->tokens) / sb->rate_limit;
      int wait = MAX (1, (int) missing + (missing > (int) missing ? 1 : 0));
      g_autofree char *wait_s = g_strdup_printf ("%d", wait);
      g_autofree char *detail = g_strdup_printf ("Rate limit of %g requests per second exceeded.",
                                                 sb->rate_limit);

      sandbox_problem (req, 429, "rate-limited", "Too many requests", detail);
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", wait_s);
      return TRUE;
    }
}

static void
well_known (SandboxReq *req)
{
  g_autoptr(JsonObject) o = json_object_new ();
  gboolean mp = g_strcmp0 (req->prefix, SANDBOX_MARKETPLACE_PREFIX) == 0;
  g_autofree char *terms = g_strdup_printf ("%s%s/terms", req->sb->origin, req->prefix);

  if (strcmp (req->method, "GET") != 0)
    {
      sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", NULL);
      return;
    }
  json_object_set_string_member (o, "name", mp ? "Sandbox marketplace" : "Sandbox directory");
  json_object_set_string_member (o, "kind", mp ? "marketplace" : "directory");
  json_object_set_string_member (o, "api_version", "1.0");
  json_object_set_string_member (o, "currency", "EUR");
  if (mp)
    json_object_set_int_member (o, "commission_rate", SANDBOX_COMMISSION_RATE);
  json_object_set_string_member (o, "terms_url", terms);
  sandbox_respond_json (req, SOUP_STATUS_OK, "application/json", o);
}

static gboolean
is_mutation (const char *method)
{
  return strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0
         || strcmp (method, "PATCH") == 0 || strcmp (method, "DELETE") == 0;
}

static char *
fingerprint (SandboxReq *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 0;
  const guchar *data = g_bytes_get_data (req->body, &len);

  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) " ", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (len > 0)
    g_checksum_update (sum, data, len);
  return g_strdup (g_checksum_get_string (sum));
}

/* Returns TRUE when the request was answered from (or refused by) the store. */
static gboolean
idempotency_lookup (SandboxReq *req,
                    const char *key,
                    const char *fp)
{
  sqlite3_stmt *stmt;
  gboolean handled = FALSE;

  stmt = sandbox_db_prepare (req->sb, "SELECT fingerprint, status, headers, body FROM idempotency"
                                      " WHERE scope = ? AND key = ?");
  sqlite3_bind_text (stmt, 1, req->scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
    {
      handled = TRUE;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), fp) != 0)
        sandbox_problem (req, 422, "idempotency-key-reused", "Idempotency key reused",
                         "This Idempotency-Key was already used for a different request.");
      else
        {
          SoupMessageHeaders *h = soup_server_message_get_response_headers (req->msg);
          g_autoptr(JsonObject) stored = sandbox_parse_object ((const char *) sqlite3_column_text (stmt, 2));
          const void *body = sqlite3_column_blob (stmt, 3);
          int body_len = sqlite3_column_bytes (stmt, 3);
          const char *ct = NULL;
          GList *members = stored ? json_object_get_members (stored) : NULL;

          for (GList *l = members; l != NULL; l = l->next)
            {
              const char *value = json_object_get_string_member (stored, l->data);

              if (g_ascii_strcasecmp (l->data, "Content-Type") == 0)
                ct = value;
              else
                soup_message_headers_replace (h, l->data, value);
            }
          g_list_free (members);
          soup_message_headers_replace (h, "Idempotent-Replayed", "true");
          soup_server_message_set_status (req->msg, sqlite3_column_int (stmt, 1), NULL);
          if (body_len > 0)
            soup_server_message_set_response (req->msg, ct, SOUP_MEMORY_COPY, body, body_len);
          g_hash_table_insert (req->sb->replayed, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (req->sb->replayed, key)) + 1));
        }
    }
  sqlite3_finalize (stmt);
  return handled;
}

static void
idempotency_store (SandboxReq *req,
                   const char *key,
                   const char *fp)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (req->msg);
  g_autoptr(JsonObject) saved = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (req->msg));
  g_autofree char *headers = NULL;
  static const char * const kept[] = { "Content-Type", "ETag", "Location", NULL };
  sqlite3_stmt *stmt;

  for (guint i = 0; kept[i] != NULL; i++)
    {
      const char *value = soup_message_headers_get_one (h, kept[i]);
      if (value != NULL)
        json_object_set_string_member (saved, kept[i], value);
    }
  json_node_set_object (node, saved);
  headers = json_to_string (node, FALSE);

  stmt = sandbox_db_prepare (req->sb, "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, req->scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, fp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, soup_server_message_get_status (req->msg));
  sqlite3_bind_text (stmt, 5, headers, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, g_bytes_get_data (body, NULL), g_bytes_get_size (body), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  sandbox_db_step (req->sb, stmt);
  sqlite3_finalize (stmt);
}

static gboolean
valid_key (const char *key)
{
  gsize len = strlen (key);

  if (len < 1 || len > 255)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

/* Writes the response on the stolen connection, then closes it. With !whole, only the
 * headers and half of the body go out, as a flaky network would cut them, once the
 * request has been applied: exactly what idempotency keys are for. */
static void
write_raw_and_close (SandboxReq *req,
                     gboolean    whole)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (req->msg));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GIOStream) stream = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize len = g_bytes_get_size (body);
  guint status = soup_server_message_get_status (req->msg);

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, h);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0)
      g_string_append_printf (out, "%s: %s\r\n", name, value);
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", whole ? len : MAX (len, 64));
  g_string_append_len (out, g_bytes_get_data (body, NULL), whole ? len : len / 2);

  stream = soup_server_message_steal_connection (req->msg);
  if (stream == NULL)
    return;
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), out->str, out->len,
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
process_request (SandboxReq *req)
{
  Sandbox *sb = req->sb;
  guint failures = sb->db_failures;
  gboolean mp = g_strcmp0 (req->prefix, SANDBOX_MARKETPLACE_PREFIX) == 0;
  gboolean public_media = strcmp (req->method, "GET") == 0
                          && g_str_has_prefix (req->rest, "/media/")
                          && g_str_has_suffix (req->rest, "/content");
  gboolean auth_call = mp && g_str_has_prefix (req->rest, "/auth/");
  const char *key = NULL;
  g_autofree char *fp = NULL;

  if (rate_limited (req))
    return;

  if (public_media)
    {
      g_autofree char *id = g_strndup (req->rest + strlen ("/media/"),
                                       strlen (req->rest) - strlen ("/media/") - strlen ("/content"));
      sandbox_media_content (req, id);
      return;
    }

  if (!auth_call && !(mp ? sandbox_marketplace_auth (req) : sandbox_directory_auth (req)))
    return;

  if (!auth_call && is_mutation (req->method))
    {
      key = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                          "Idempotency-Key");
      if (key != NULL && !valid_key (key))
        {
          JsonArray *errors = json_array_new ();
          JsonObject *e = json_object_new ();

          json_object_set_string_member (e, "field", "Idempotency-Key");
          json_object_set_string_member (e, "code", "invalid_format");
          json_object_set_string_member (e, "message", "must be 1 to 255 printable ASCII characters");
          json_array_add_object_element (errors, e);
          sandbox_problem_fields (req, errors);
          return;
        }
      if (key != NULL)
        {
          fp = fingerprint (req);
          if (idempotency_lookup (req, key, fp))
            return;
        }
    }

  if (mp)
    sandbox_marketplace_route (req);
  else
    sandbox_directory_route (req);

  if (key != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_server_message_get_status (req->msg))
      && sb->db_failures == failures)
    {
      idempotency_store (req, key, fp);
      if (sb->db_failures == failures)
        sandbox_count_applied (sb, key);
    }
}

/* Runs @handler; a mutation runs in one transaction with its idempotency record, so
 * that a failed statement (logged by sandbox_db_step()) leaves nothing applied and
 * the client, told 500, can retry safely. */
static void
run_checked (SandboxReq *req,
             void      (*handler) (SandboxReq *req))
{
  Sandbox *sb = req->sb;
  guint failures = sb->db_failures;
  gboolean tx = is_mutation (req->method);

  if (tx && sqlite3_exec (sb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("SQL failed: %s (BEGIN IMMEDIATE)", sqlite3_errmsg (sb->db));
      sandbox_storage_failed (req);
      return;
    }
  handler (req);
  if (tx && sb->db_failures == failures
      && sqlite3_exec (sb->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("SQL failed: %s (COMMIT)", sqlite3_errmsg (sb->db));
      sb->db_failures++;
    }
  if (sb->db_failures != failures)
    {
      if (tx && !sqlite3_get_autocommit (sb->db))
        sqlite3_exec (sb->db, "ROLLBACK", NULL, NULL, NULL);
      sandbox_storage_failed (req);
    }
}

static void
process (SandboxReq *req)
{
  run_checked (req, process_request);
}

static void
finish (SandboxReq *req,
        gboolean    paused)
{
  if (req->drop)
    write_raw_and_close (req, FALSE);
  else if (paused)
    soup_server_message_unpause (req->msg);
  req_free (req);
}

static gboolean
latency_cb (gpointer user_data)
{
  SandboxReq *req = user_data;

  process (req);
  finish (req, TRUE);
  return G_SOURCE_REMOVE;
}

void
sandbox_handle (SoupServer        *server G_GNUC_UNUSED,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Sandbox *sb = user_data;
  SandboxReq *req = g_new0 (SandboxReq, 1);

  req->sb = sb;
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  req->path = g_strdup (path);
  req->query = query ? g_hash_table_ref (query) : NULL;
  req->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  sb->requests_total++;

  if (g_str_has_prefix (path, "/_sandbox/"))
    {
      run_checked (req, sandbox_control_route);
      req_free (req);
      return;
    }

  if (g_str_has_prefix (path, SANDBOX_MARKETPLACE_PREFIX "/"))
    req->prefix = SANDBOX_MARKETPLACE_PREFIX;
  else if (g_str_has_prefix (path, SANDBOX_DIRECTORY_PREFIX "/"))
    req->prefix = SANDBOX_DIRECTORY_PREFIX;
  else
    {
      sandbox_problem (req, 404, "not-found", "Not found", "No API under this path.");
      req_free (req);
      return;
    }
  req->rest = req->path + strlen (req->prefix);

  if (strcmp (req->rest, "/.well-known/comptoir-platform") == 0)
    {
      well_known (req);
      req_free (req);
      return;
    }

  if (sb->fail_rate > 0 && g_rand_double (sb->rand) < sb->fail_rate)
    {
      sb->requests_faulted++;
      sandbox_problem (req, 503, "unavailable", "Service unavailable",
                       "Injected failure (--fail-rate).");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      req_free (req);
      return;
    }
  req->drop = sb->drop_rate > 0 && g_rand_double (sb->rand) < sb->drop_rate;
  if (req->drop)
    sb->requests_faulted++;

  if (sb->latency_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (sb->latency_ms, latency_cb, req);
      return;
    }
  process (req);
  finish (req, FALSE);
}

/* Refuses an absurdly large body from its Content-Length alone, before libsoup reads
 * it all into memory: the answer goes out on the stolen connection, which is then
 * closed. Bodies merely over the caps are read and refused normally, since a client
 * still sending its body may miss an answer followed by a close. */
void
sandbox_early_handle (SoupServer        *server G_GNUC_UNUSED,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query G_GNUC_UNUSED,
                      gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SandboxReq req = { .sb = user_data, .msg = msg, .path = (char *) path };

  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (h) > SANDBOX_EARLY_REJECT_BODY)
    {
      req.sb->requests_total++;
      sandbox_problem (&req, 413, "payload-too-large", "Payload too large",
                       "Request bodies are limited to 10 MiB (10485760 bytes).");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      write_raw_and_close (&req, TRUE);
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
//
// The test-only control surface under /_sandbox/: what customers, volunteers and the
// platform's back office would do, plus counters that reveal duplicate applications.
// No authentication: the server only listens on loopback.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static JsonObject *
optional_body (SandboxReq *req)
{
  if (g_bytes_get_size (req->body) == 0)
    return json_object_new ();
  return sandbox_read_body (req);
}

static void
revoke (SandboxReq *req,
        JsonObject *body)
{
  const char *token = json_object_get_string_member_with_default (body, "token", NULL);
  const char *key = json_object_get_string_member_with_default (body, "api_key", NULL);
  sqlite3_stmt *stmt;

  if (token == NULL && key == NULL)
    {
      sandbox_problem (req, 400, "bad-request", "Bad request", "Give \"token\" or \"api_key\".");
      return;
    }
  if (token != NULL)
    {
      stmt = sandbox_db_prepare (req->sb, "UPDATE tokens SET revoked = 1 WHERE token = ?1 OR parent = ?1");
      sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
      sandbox_db_step (req->sb, stmt);
      sqlite3_finalize (stmt);
    }
  if (key != NULL)
    {
      stmt = sandbox_db_prepare (req->sb, "UPDATE api_keys SET revoked = 1 WHERE key = ?");
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sandbox_db_step (req->sb, stmt);
      sqlite3_finalize (stmt);
    }
  soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Makes every write to one table fail (or work again), to test what a failed write
 * answers. A temporary trigger: it never reaches the data file. */
static void
storage_fault (SandboxReq *req,
               JsonObject *body)
{
  static const char * const tables[] = { "objects", "idempotency", "media_content", "tokens", NULL };
  const char *table = json_object_get_string_member_with_default (body, "table", NULL);
  gboolean on = json_object_get_boolean_member_with_default (body, "failing", TRUE);
  g_autofree char *sql = NULL;

  if (table == NULL || !g_strv_contains (tables, table))
    {
      sandbox_problem (req, 400, "bad-request", "Bad request",
                       "Give \"table\": objects, idempotency, media_content or tokens.");
      return;
    }
  if (on)
    sql = g_strdup_printf ("CREATE TEMP TRIGGER IF NOT EXISTS fault_%s_insert BEFORE INSERT ON main.%s"
                           " BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END;"
                           "CREATE TEMP TRIGGER IF NOT EXISTS fault_%s_update BEFORE UPDATE ON main.%s"
                           " BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END;",
                           table, table, table, table);
  else
    sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.fault_%s_insert;"
                           "DROP TRIGGER IF EXISTS temp.fault_%s_update;", table, table);
  sandbox_db_exec (req->sb, sql);
  soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

void
sandbox_control_route (SandboxReq *req)
{
  Sandbox *sb = req->sb;
  const char *rest = req->path + strlen ("/_sandbox");
  gboolean post = strcmp (req->method, "POST") == 0;
  g_autofree char *merchant = sandbox_db_get_setting (sb, "merchant_id");
  g_autofree char *listing = sandbox_db_get_setting (sb, "listing_id");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;

  if (strcmp (rest, "/counters") == 0 && strcmp (req->method, "GET") == 0)
    {
      result = sandbox_counters (sb);
      sandbox_respond_json (req, SOUP_STATUS_OK, NULL, result);
      return;
    }
  if (!post)
    {
      sandbox_problem (req, 404, "not-found", "Not found", "No such control endpoint (most are POST).");
      return;
    }
  if ((body = optional_body (req)) == NULL)
    return;

  if (strcmp (rest, "/orders") == 0)
    {
      result = sandbox_order_create (sb, merchant, body, &error);
      if (result == NULL)
        sandbox_problem (req, 422, "validation-failed", "Cannot create the order", error->message);
      else
        sandbox_respond_object (req, SOUP_STATUS_CREATED, NULL, result, NULL);
    }
  else if (g_str_has_prefix (rest, "/orders/") && g_str_has_suffix (rest, "/cancel"))
    {
      g_autofree char *id = g_strndup (rest + strlen ("/orders/"),
                                       strlen (rest) - strlen ("/orders/") - strlen ("/cancel"));

      result = sandbox_order_cancel (sb, merchant, id,
                                     json_object_get_string_member_with_default (body, "reason", NULL),
                                     &error);
      if (result != NULL)
        sandbox_respond_object (req, SOUP_STATUS_OK, NULL, result, NULL);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        sandbox_problem (req, 404, "not-found", "Not found", error->message);
      else
        sandbox_problem (req, 409, "invalid-transition", "Invalid state transition", error->message);
    }
  else if (strcmp (rest, "/payouts") == 0)
    {
      result = sandbox_payout_run (sb, merchant,
                                   json_object_get_string_member_with_default (body, "status", "paid"));
      if (result == NULL)
        sandbox_problem (req, 409, "nothing-to-pay", "Nothing to pay out",
                         "There are no completed orders outside a payout.");
      else
        sandbox_respond_object (req, SOUP_STATUS_CREATED, NULL, result, NULL);
    }
  else if (strcmp (rest, "/listing/publish") == 0 || strcmp (rest, "/listing/reject") == 0)
    {
      gboolean publish = strcmp (rest, "/listing/publish") == 0;
      const char *reason = json_object_get_string_member_with_default (body, "reason", NULL);

      if (!publish && (reason == NULL || *reason == '\0'))
        sandbox_problem (req, 400, "bad-request", "Bad request", "A rejection needs a \"reason\".");
      else if (!sandbox_listing_moderate (sb, listing, publish, reason))
        sandbox_problem (req, 404, "not-found", "Not found", "The shop has no listing yet.");
      else
        {
          result = sandbox_obj_load (sb, listing, "moderation", listing);
          json_object_remove_member (result, "id");
          json_object_remove_member (result, "version");
          json_object_remove_member (result, "created_at");
          json_object_remove_member (result, "updated_at");
          sandbox_respond_json (req, SOUP_STATUS_OK, NULL, result);
        }
    }
  else if (strcmp (rest, "/revoke") == 0)
    revoke (req, body);
  else if (strcmp (rest, "/storage-fault") == 0)
    storage_fault (req, body);
  else
    sandbox_problem (req, 404, "not-found", "Not found", "No such control endpoint.");
}

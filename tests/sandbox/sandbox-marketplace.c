// SPDX-License-Identifier: GPL-3.0-or-later
//
// Marketplace merchant API: routing, sign-in and tokens, the shop profile.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static const char * const days[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday", NULL };

#define TIME_RE "^([01][0-9]|2[0-3]):[0-5][0-9]$"
#define EMAIL_RE "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"
#define PHONE_RE "^\\+?[0-9 .]{6,20}$"

static char *
random_secret (const char *prefix)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autofree char *joined = g_strconcat (prefix, a, b, NULL);
  GString *s = g_string_new (NULL);

  for (const char *p = joined; *p; p++)
    if (*p != '-')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static void
unauthorized (SandboxReq *req,
              const char *type,
              const char *title,
              const char *detail)
{
  sandbox_problem (req, 401, type, title, detail);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate",
                                strcmp (type, "token-expired") == 0
                                  ? "Bearer error=\"invalid_token\", error_description=\"expired\""
                                  : "Bearer error=\"invalid_token\"");
}

gboolean
sandbox_marketplace_auth (SandboxReq *req)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Authorization");
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      unauthorized (req, "token-invalid", "Authentication required",
                    "Send an access token as \"Authorization: Bearer <token>\".");
      return FALSE;
    }
  stmt = sandbox_db_prepare (req->sb, "SELECT merchant, expires_at, revoked FROM tokens"
                                      " WHERE token = ? AND kind = 'access'");
  sqlite3_bind_text (stmt, 1, header + 7, -1, SQLITE_TRANSIENT);
  if (sandbox_db_step (req->sb, stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 2) != 0)
    unauthorized (req, "token-invalid", "Invalid token",
                  "The access token is unknown or has been revoked; sign in again.");
  else if (sqlite3_column_int64 (stmt, 1) <= g_get_real_time ())
    unauthorized (req, "token-expired", "Access token expired",
                  "The access token has expired; refresh it and retry.");
  else
    {
      req->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static void
issue_tokens (SandboxReq *req,
              const char *merchant,
              const char *refresh)
{
  Sandbox *sb = req->sb;
  g_autofree char *access = random_secret ("at_");
  g_autofree char *new_refresh = refresh ? NULL : random_secret ("rt_");
  g_autoptr(JsonObject) o = json_object_new ();
  sqlite3_stmt *stmt;

  if (new_refresh != NULL)
    {
      stmt = sandbox_db_prepare (sb, "INSERT INTO tokens VALUES (?, 'refresh', ?, NULL, NULL, 0)");
      sqlite3_bind_text (stmt, 1, new_refresh, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, merchant, -1, SQLITE_TRANSIENT);
      sandbox_db_step (req->sb, stmt);
      sqlite3_finalize (stmt);
      refresh = new_refresh;
    }
  stmt = sandbox_db_prepare (sb, "INSERT INTO tokens VALUES (?, 'access', ?, ?, ?, 0)");
  sqlite3_bind_text (stmt, 1, access, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, merchant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, refresh, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () + sb->token_lifetime * G_USEC_PER_SEC);
  sandbox_db_step (req->sb, stmt);
  sqlite3_finalize (stmt);

  json_object_set_string_member (o, "access_token", access);
  json_object_set_string_member (o, "refresh_token", refresh);
  json_object_set_string_member (o, "token_type", "Bearer");
  json_object_set_int_member (o, "expires_in", sb->token_lifetime);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  sandbox_respond_json (req, SOUP_STATUS_OK, "application/json", o);
}

static void
auth_route (SandboxReq *req,
            const char *what)
{
  g_autoptr(JsonObject) body = NULL;
  Validator v;

  if (strcmp (req->method, "POST") != 0)
    {
      sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use POST.");
      return;
    }
  if ((body = sandbox_read_body (req)) == NULL)
    return;
  validator_init (&v);

  if (strcmp (what, "token") == 0)
    {
      const char *email = v_string (&v, body, "email", TRUE, FALSE, 1, 254);
      const char *password = v_string (&v, body, "password", TRUE, FALSE, 1, 1024);
      sqlite3_stmt *stmt;
      g_autofree char *merchant = NULL;

      if (!validator_failed (&v))
        {
          stmt = sandbox_db_prepare (req->sb, "SELECT id FROM merchants WHERE lower(email) = lower(?) AND password = ?");
          sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, password, -1, SQLITE_TRANSIENT);
          if (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
            merchant = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
          if (merchant == NULL)
            sandbox_problem (req, 401, "invalid-credentials", "Invalid credentials",
                             "The e-mail address or the password is wrong.");
          else
            issue_tokens (req, merchant, NULL);
        }
    }
  else if (strcmp (what, "refresh") == 0)
    {
      const char *refresh = v_string (&v, body, "refresh_token", TRUE, FALSE, 1, 512);
      g_autofree char *merchant = NULL;

      if (!validator_failed (&v))
        {
          sqlite3_stmt *stmt = sandbox_db_prepare (req->sb, "SELECT merchant FROM tokens WHERE token = ?"
                                                            " AND kind = 'refresh' AND revoked = 0");
          sqlite3_bind_text (stmt, 1, refresh, -1, SQLITE_TRANSIENT);
          if (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
            merchant = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
          if (merchant == NULL)
            unauthorized (req, "token-invalid", "Invalid refresh token",
                          "The refresh token is unknown or has been revoked; sign in again.");
          else
            issue_tokens (req, merchant, refresh);
        }
    }
  else if (strcmp (what, "revoke") == 0)
    {
      const char *token = v_string (&v, body, "token", TRUE, FALSE, 1, 512);

      if (!validator_failed (&v))
        {
          sqlite3_stmt *stmt = sandbox_db_prepare (req->sb, "UPDATE tokens SET revoked = 1"
                                                            " WHERE token = ?1 OR parent = ?1");
          sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
          sandbox_db_step (req->sb, stmt);
          sqlite3_finalize (stmt);
          soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
        }
    }
  else
    sandbox_problem (req, 404, "not-found", "Not found", "No such endpoint.");

  if (validator_failed (&v))
    sandbox_problem_fields (req, json_array_ref (v.errors));
  validator_clear (&v);
}

static void
copy_member (JsonObject *dst,
             JsonObject *src,
             const char *name)
{
  JsonNode *node = json_object_get_member (src, name);

  if (node != NULL)
    json_object_set_member (dst, name, json_node_copy (node));
  else
    json_object_set_null_member (dst, name);
}

static void
check_media_ref (SandboxReq *req,
                 Validator  *v,
                 JsonObject *o,
                 const char *name)
{
  const char *id = v_string (v, o, name, FALSE, TRUE, 1, 64);
  g_autoptr(JsonObject) media = NULL;

  if (id != NULL && (media = sandbox_obj_load (req->sb, req->scope, "media", id)) == NULL)
    validator_add (v, name, "unknown_reference", "is not an uploaded media id");
}

static void
validate_address (Validator  *v,
                  JsonObject *address)
{
  g_string_assign (v->path, "address");
  v_string (v, address, "street", TRUE, FALSE, 1, 200);
  v_string (v, address, "postal_code", TRUE, FALSE, 1, 5);
  v_pattern (v, address, "postal_code", FALSE, "^[0-9]{5}$", "five digits");
  v_string (v, address, "city", TRUE, FALSE, 1, 100);
  if (json_object_has_member (address, "country"))
    {
      static const char * const fr[] = { "FR", NULL };
      v_enum (v, address, "country", FALSE, fr);
    }
  g_string_truncate (v->path, 0);
}

static void
validate_hours (Validator  *v,
                JsonObject *body)
{
  JsonArray *hours = v_array (v, body, "opening_hours", FALSE, 50);
  JsonArray *special = v_array (v, body, "special_hours", FALSE, 200);

  for (guint i = 0; hours != NULL && i < json_array_get_length (hours); i++)
    {
      JsonNode *node = json_array_get_element (hours, i);
      g_autofree char *p = v_index ("opening_hours", i);

      g_string_assign (v->path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (v, "", "invalid_type", "must be an object");
          continue;
        }
      v_enum (v, json_node_get_object (node), "day", TRUE, days);
      v_string (v, json_node_get_object (node), "opens", TRUE, FALSE, 5, 5);
      v_pattern (v, json_node_get_object (node), "opens", FALSE, TIME_RE, "HH:MM");
      v_string (v, json_node_get_object (node), "closes", TRUE, FALSE, 5, 5);
      v_pattern (v, json_node_get_object (node), "closes", FALSE, TIME_RE, "HH:MM");
    }
  for (guint i = 0; special != NULL && i < json_array_get_length (special); i++)
    {
      JsonNode *node = json_array_get_element (special, i);
      g_autofree char *p = v_index ("special_hours", i);
      JsonObject *o;

      g_string_assign (v->path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (v, "", "invalid_type", "must be an object");
          continue;
        }
      o = json_node_get_object (node);
      v_string (v, o, "date", TRUE, FALSE, 10, 10);
      v_pattern (v, o, "date", FALSE, "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "a YYYY-MM-DD date");
      if (!json_object_has_member (o, "closed"))
        validator_add (v, "closed", "required", "is required");
      v_bool (v, o, "closed", FALSE);
      v_pattern (v, o, "opens", TRUE, TIME_RE, "HH:MM");
      v_pattern (v, o, "closes", TRUE, TIME_RE, "HH:MM");
    }
  g_string_truncate (v->path, 0);
}

static void
shop_put (SandboxReq *req,
          JsonObject *current)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) shop = json_object_new ();
  static const char * const fields[] = { "name", "description", "phone", "email", "website",
                                         "address", "logo", "cover", NULL };
  JsonObject *address, *delivery;
  Validator v;

  if (!sandbox_check_if_match (req, current))
    return;
  if ((body = sandbox_read_body (req)) == NULL)
    return;

  validator_init (&v);
  v_string (&v, body, "name", TRUE, FALSE, 1, 120);
  v_string (&v, body, "description", FALSE, TRUE, 0, 5000);
  v_pattern (&v, body, "phone", TRUE, PHONE_RE, "a phone number");
  v_string (&v, body, "email", FALSE, TRUE, 3, 254);
  v_pattern (&v, body, "email", TRUE, EMAIL_RE, "an e-mail address");
  v_string (&v, body, "website", FALSE, TRUE, 1, 500);
  v_pattern (&v, body, "website", TRUE, "^https?://[^\\s]+$", "an http(s) URL");
  if ((address = v_object (&v, body, "address", FALSE)) != NULL)
    validate_address (&v, address);
  check_media_ref (req, &v, body, "logo");
  check_media_ref (req, &v, body, "cover");
  validate_hours (&v, body);
  v_bool (&v, body, "click_and_collect", FALSE);
  if ((delivery = v_object (&v, body, "delivery", FALSE)) != NULL)
    {
      g_string_assign (v.path, "delivery");
      if (!json_object_has_member (delivery, "enabled"))
        validator_add (&v, "enabled", "required", "is required");
      v_bool (&v, delivery, "enabled", FALSE);
      v_int (&v, delivery, "radius_km", FALSE, FALSE, 0, 200, NULL, NULL);
      v_int (&v, delivery, "fee_cents", FALSE, FALSE, 0, 100000, NULL, NULL);
      v_int (&v, delivery, "free_above_cents", FALSE, TRUE, 0, G_MAXINT32, NULL, NULL);
      g_string_truncate (v.path, 0);
    }
  if (validator_failed (&v))
    {
      sandbox_problem_fields (req, json_array_ref (v.errors));
      validator_clear (&v);
      return;
    }
  validator_clear (&v);

  json_object_set_string_member (shop, "id", json_object_get_string_member (current, "id"));
  json_object_set_int_member (shop, "version", json_object_get_int_member (current, "version"));
  json_object_set_string_member (shop, "created_at", json_object_get_string_member (current, "created_at"));
  for (guint i = 0; fields[i] != NULL; i++)
    copy_member (shop, body, fields[i]);
  json_object_set_array_member (shop, "opening_hours",
                                json_object_has_member (body, "opening_hours")
                                  ? json_array_ref (json_object_get_array_member (body, "opening_hours"))
                                  : json_array_new ());
  json_object_set_array_member (shop, "special_hours",
                                json_object_has_member (body, "special_hours")
                                  ? json_array_ref (json_object_get_array_member (body, "special_hours"))
                                  : json_array_new ());
  json_object_set_boolean_member (shop, "click_and_collect",
                                  json_object_has_member (body, "click_and_collect")
                                  && json_object_get_boolean_member (body, "click_and_collect"));
  if (delivery != NULL)
    json_object_set_object_member (shop, "delivery", json_object_ref (delivery));
  else
    {
      JsonObject *off = json_object_new ();
      json_object_set_boolean_member (off, "enabled", FALSE);
      json_object_set_object_member (shop, "delivery", off);
    }
  sandbox_obj_save (req->sb, req->scope, "shop", shop);
  sandbox_respond_object (req, SOUP_STATUS_OK, NULL, shop, NULL);
}

static void
shop_route (SandboxReq *req)
{
  g_autoptr(JsonObject) shop = sandbox_obj_load (req->sb, req->scope, "shop", req->scope);

  if (shop == NULL)
    sandbox_problem (req, 404, "not-found", "Not found", "This merchant has no shop profile.");
  else if (strcmp (req->method, "GET") == 0)
    sandbox_respond_object (req, SOUP_STATUS_OK, NULL, shop, NULL);
  else if (strcmp (req->method, "PUT") == 0)
    shop_put (req, shop);
  else
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET or PUT.");
}

static void
media_route (SandboxReq *req,
             const char *id)
{
  if (id == NULL && strcmp (req->method, "POST") == 0)
    sandbox_media_upload (req, SANDBOX_MARKETPLACE_PREFIX);
  else if (id != NULL && strcmp (req->method, "GET") == 0)
    {
      g_autoptr(JsonObject) media = sandbox_obj_load (req->sb, req->scope, "media", id);

      if (media == NULL)
        sandbox_problem (req, 404, "not-found", "Not found", "No such media.");
      else
        {
          json_object_remove_member (media, "version");
          json_object_remove_member (media, "updated_at");
          sandbox_respond_json (req, SOUP_STATUS_OK, NULL, media);
        }
    }
  else
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", NULL);
}

void
sandbox_marketplace_route (SandboxReq *req)
{
  g_auto(GStrv) parts = g_strsplit (req->rest + 1, "/", 4);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      n = 0;

  if (n == 2 && strcmp (parts[0], "auth") == 0)
    auth_route (req, parts[1]);
  else if (n == 1 && strcmp (parts[0], "shop") == 0)
    shop_route (req);
  else if (n >= 1 && n <= 2 && strcmp (parts[0], "media") == 0)
    media_route (req, parts[1]);
  else if (n >= 1 && n <= 2 && strcmp (parts[0], "products") == 0)
    sandbox_products_route (req, parts[1]);
  else if (n >= 1 && n <= 3 && strcmp (parts[0], "orders") == 0)
    sandbox_orders_route (req, parts[1], n == 3 ? parts[2] : NULL);
  else if (n >= 1 && n <= 2 && strcmp (parts[0], "payouts") == 0)
    sandbox_payouts_route (req, parts[1]);
  else
    sandbox_problem (req, 404, "not-found", "Not found", "No such endpoint.");
}

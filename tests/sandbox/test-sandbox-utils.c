// SPDX-License-Identifier: GPL-3.0-or-later

#define G_LOG_DOMAIN "test-sandbox"

#include "test-sandbox-utils.h"

#define PRODUCT_JSON "{\"name\":\"%s\",\"price_cents\":%d,\"vat_rate\":550,\"unit\":\"piece\",\"stock\":5}"

void
resp_free (Resp *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}

JsonObject *
obj (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

const char *
str (Resp       *r,
     const char *name)
{
  return json_object_get_string_member (obj (r), name);
}

const char *
header (Resp       *r,
        const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();

  g_assert_true (json_parser_load_from_data (p, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

Box *
box_start (const char *first_arg,
           ...)
{
  const char *exe = g_getenv ("COMPTOIR_SANDBOX");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) o = NULL;
  Box *box = g_new0 (Box, 1);
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (gpointer) exe);
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  box->proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (box->proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  o = parse (line);
  box->mp = g_strdup (json_object_get_string_member (o, "marketplace"));
  box->dir = g_strdup (json_object_get_string_member (o, "directory"));
  box->email = g_strdup (json_object_get_string_member (o, "marketplace_email"));
  box->password = g_strdup (json_object_get_string_member (o, "marketplace_password"));
  box->api_key = g_strdup (json_object_get_string_member (o, "directory_api_key"));
  g_assert_true (g_str_has_prefix (box->mp, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (box->mp, "/marketplace/v1"));
  g_assert_true (g_str_has_suffix (box->dir, "/directory/v1"));
  box->origin = g_strndup (box->mp, strlen (box->mp) - strlen ("/marketplace/v1"));
  /* A hang becomes a failure that says where, not a suite time-out. */
  box->session = soup_session_new_with_options ("timeout", 20, NULL);
  return box;
}

void
box_stop (Box *box)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (box->proc, SIGTERM);
  g_subprocess_wait (box->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (box->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (box->proc), ==, 0);
  g_object_unref (box->proc);
  g_object_unref (box->session);
  g_free (box->mp);
  g_free (box->dir);
  g_free (box->origin);
  g_free (box->email);
  g_free (box->password);
  g_free (box->api_key);
  g_free (box);
}

/* extra: NULL-terminated name, value pairs of request headers. */
Resp *
call_full (Box          *box,
           SoupSession  *session,
           const char   *method,
           const char   *url,
           const char   *auth,
           const char   *content_type,
           const void   *body,
           gsize         body_len,
           const char  **extra)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Resp *r = g_new0 (Resp, 1);
  SoupMessageHeaders *h;

  g_assert_nonnull (msg);
  h = soup_message_get_request_headers (msg);
  if (auth != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", auth, NULL);
      soup_message_headers_replace (h, "Authorization", value);
    }
  for (guint i = 0; extra != NULL && extra[i] != NULL; i += 2)
    soup_message_headers_replace (h, extra[i], extra[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len);
      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json", bytes);
    }
  r->body = soup_session_send_and_read (session ? session : box->session, msg, NULL, &r->error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (r->body != NULL && g_bytes_get_size (r->body) > 0)
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      if (json_parser_load_from_data (p, g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), NULL))
        r->json = json_node_copy (json_parser_get_root (p));
    }
  return r;
}

Resp *
call (Box        *box,
      const char *method,
      const char *base,
      const char *path,
      const char *auth,
      const char *json,
      const char *first_header,
      ...)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_header);
  for (const char *h = first_header; h != NULL; h = va_arg (ap, const char *))
    g_ptr_array_add (extra, (gpointer) h);
  va_end (ap);
  g_ptr_array_add (extra, NULL);
  return call_full (box, NULL, method, url, auth, NULL, json, json ? strlen (json) : 0,
                    (const char **) extra->pdata);
}

void
assert_problem (Resp       *r,
                guint       status,
                const char *type)
{
  g_autofree char *uri = g_strconcat ("https://comptoir.github.io/problems/", type, NULL);

  g_assert_no_error (r->error);
  if (r->status != status)
    g_printerr ("unexpected %u: %.*s\n", r->status, (int) g_bytes_get_size (r->body),
                (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/problem+json");
  g_assert_cmpstr (str (r, "type"), ==, uri);
  g_assert_cmpint (json_object_get_int_member (obj (r), "status"), ==, status);
  g_assert_nonnull (str (r, "title"));
}

/* The field-level error list names @field with @code. */
void
assert_field_error (Resp       *r,
                    const char *field,
                    const char *code)
{
  JsonArray *errors;

  assert_problem (r, 422, "validation-failed");
  errors = json_object_get_array_member (obj (r), "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      if (g_strcmp0 (json_object_get_string_member (e, "field"), field) == 0
          && g_strcmp0 (json_object_get_string_member (e, "code"), code) == 0)
        return;
    }
  g_error ("no error %s/%s in %.*s", field, code, (int) g_bytes_get_size (r->body),
           (const char *) g_bytes_get_data (r->body, NULL));
}

void
assert_status (Resp  *r,
               guint  status)
{
  g_assert_no_error (r->error);
  if (r->status != status)
    g_printerr ("unexpected %u: %.*s\n", r->status, (int) g_bytes_get_size (r->body),
                (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, ==, status);
}

char *
sign_in (Box   *box,
         char **refresh)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", box->email, box->password);
  g_autoptr(Resp) r = call (box, "POST", box->mp, "/auth/token", NULL, body, NULL);

  assert_status (r, 200);
  g_assert_cmpstr (str (r, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (obj (r), "expires_in"), >, 0);
  if (refresh != NULL)
    *refresh = g_strdup (str (r, "refresh_token"));
  return g_strdup (str (r, "access_token"));
}


char *
create_product (Box        *box,
                const char *token,
                const char *name,
                int         price)
{
  g_autofree char *body = g_strdup_printf (PRODUCT_JSON, name, price);
  g_autoptr(Resp) r = call (box, "POST", box->mp, "/products", token, body, NULL);

  assert_status (r, 201);
  return g_strdup (str (r, "id"));
}

JsonObject *
control (Box        *box,
         const char *path,
         const char *json,
         guint       expected)
{
  g_autoptr(Resp) r = call (box, json || strcmp (path, "/_sandbox/counters") != 0 ? "POST" : "GET",
                            box->origin, path, NULL, json, NULL);

  assert_status (r, expected);
  return r->json && JSON_NODE_HOLDS_OBJECT (r->json) ? json_object_ref (obj (r)) : NULL;
}

gint64
applied_count (Box        *box,
               const char *key)
{
  g_autoptr(Resp) r = call (box, "GET", box->origin, "/_sandbox/counters", NULL, NULL, NULL);
  JsonObject *keys;

  assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (obj (r), "requests_total"), >, 0);
  keys = json_object_get_object_member (obj (r), "idempotency");
  if (!json_object_has_member (keys, key))
    return 0;
  return json_object_get_int_member (json_object_get_object_member (keys, key), "applied");
}

const guchar png_bytes[16] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

char *
upload_png (Box        *box,
            const char *base,
            const char *auth,
            char      **url)
{
  g_autofree char *target = g_strconcat (base, "/media", NULL);
  g_autoptr(Resp) r = call_full (box, NULL, "POST", target, auth, "image/png", png_bytes, sizeof png_bytes, NULL);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, png_bytes, sizeof png_bytes);

  assert_status (r, 201);
  g_assert_cmpstr (str (r, "sha256"), ==, sha);
  g_assert_cmpstr (str (r, "content_type"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (obj (r), "size"), ==, sizeof png_bytes);
  if (url != NULL)
    *url = g_strdup (str (r, "url"));
  return g_strdup (str (r, "id"));
}

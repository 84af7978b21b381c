// SPDX-License-Identifier: GPL-3.0-or-later
//
// Exercises the built comptoir-sandbox over real HTTP: every resource of both
// documents, pagination, 401/404/409/412/415/422/429, idempotent replay (counted),
// fault injection and persistence.

#define G_LOG_DOMAIN "test-sandbox"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

typedef struct
{
  GSubprocess *proc;
  char        *mp;        /* marketplace base URL */
  char        *dir;       /* directory base URL */
  char        *origin;
  char        *email;
  char        *password;
  char        *api_key;
  SoupSession *session;
} Box;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  GError             *error;
} Resp;

static void
resp_free (Resp *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

static JsonObject *
obj (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

static const char *
str (Resp       *r,
     const char *name)
{
  return json_object_get_string_member (obj (r), name);
}

static const char *
header (Resp       *r,
        const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();

  g_assert_true (json_parser_load_from_data (p, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

static Box *
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
  box->session = soup_session_new ();
  return box;
}

static void
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
static Resp *
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

static Resp *
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

static void
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
static void
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

static void
assert_status (Resp  *r,
               guint  status)
{
  g_assert_no_error (r->error);
  if (r->status != status)
    g_printerr ("unexpected %u: %.*s\n", r->status, (int) g_bytes_get_size (r->body),
                (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, ==, status);
}

static char *
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

#define PRODUCT_JSON "{\"name\":\"%s\",\"price_cents\":%d,\"vat_rate\":550,\"unit\":\"piece\",\"stock\":5}"

static char *
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

static JsonObject *
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

static gint64
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

static void
test_well_known (void)
{
  Box *box = box_start (NULL);
  g_autoptr(Resp) mp = call (box, "GET", box->mp, "/.well-known/comptoir-platform", NULL, NULL, NULL);
  g_autoptr(Resp) dir = call (box, "GET", box->dir, "/.well-known/comptoir-platform", NULL, NULL, NULL);

  assert_status (mp, 200);
  g_assert_cmpstr (str (mp, "kind"), ==, "marketplace");
  g_assert_cmpstr (str (mp, "currency"), ==, "EUR");
  g_assert_cmpstr (str (mp, "api_version"), ==, "1.0");
  g_assert_cmpint (json_object_get_int_member (obj (mp), "commission_rate"), ==, 800);
  g_assert_nonnull (str (mp, "terms_url"));
  assert_status (dir, 200);
  g_assert_cmpstr (str (dir, "kind"), ==, "directory");
  g_assert_false (json_object_has_member (obj (dir), "commission_rate"));
  box_stop (box);
}

static void
test_auth (void)
{
  Box *box = box_start (NULL);
  g_autofree char *refresh = NULL;
  g_autofree char *token = sign_in (box, &refresh);
  g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
  g_autofree char *revoke_body = g_strdup_printf ("{\"token\":\"%s\"}", refresh);
  g_autofree char *token2 = NULL;
  Resp *r;

  r = call (box, "POST", box->mp, "/auth/token", NULL, "{\"email\":\"merchant@sandbox.test\",\"password\":\"nope\"}", NULL);
  assert_problem (r, 401, "invalid-credentials");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/token", NULL, "{\"email\":42}", NULL);
  assert_field_error (r, "email", "invalid_type");
  assert_field_error (r, "password", "required");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/token", NULL, "not json", NULL);
  assert_problem (r, 400, "bad-request");
  resp_free (r);

  r = call (box, "GET", box->mp, "/shop", NULL, NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  g_assert_nonnull (header (r, "WWW-Authenticate"));
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", "at_forged", NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);

  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_status (r, 200);
  token2 = g_strdup (str (r, "access_token"));
  g_assert_cmpstr (token2, !=, token);
  g_assert_cmpstr (str (r, "refresh_token"), ==, refresh);
  resp_free (r);

  /* Revoking the refresh token revokes its access tokens too. */
  r = call (box, "POST", box->mp, "/auth/revoke", NULL, revoke_body, NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", token2, NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  box_stop (box);
}

static void
test_token_expiry (void)
{
  Box *box = box_start ("--token-lifetime", "1", NULL);
  g_autofree char *refresh = NULL;
  g_autofree char *token = sign_in (box, &refresh);
  g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
  g_autofree char *fresh = NULL;
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  g_usleep (1100 * 1000);
  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_problem (r, 401, "token-expired");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_status (r, 200);
  fresh = g_strdup (str (r, "access_token"));
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", fresh, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  box_stop (box);
}

static void
test_shop (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *etag = NULL;
  const char *shop = "{\"name\":\"Fleurs de Felletin\",\"phone\":\"05 55 66 77 88\","
                     "\"address\":{\"street\":\"1 rue Reine Marie\",\"postal_code\":\"23500\",\"city\":\"Felletin\"},"
                     "\"opening_hours\":[{\"day\":\"saturday\",\"opens\":\"21:00\",\"closes\":\"02:00\"}],"
                     "\"special_hours\":[{\"date\":\"2026-05-01\",\"closed\":true}],"
                     "\"click_and_collect\":true,\"delivery\":{\"enabled\":true,\"fee_cents\":250}}";
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  etag = g_strdup (header (r, "ETag"));
  g_assert_cmpstr (etag, ==, "\"1\"");
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token, shop, "If-Match", etag, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (header (r, "ETag"), ==, "\"2\"");
  g_assert_cmpstr (str (r, "name"), ==, "Fleurs de Felletin");
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token, shop, "If-Match", etag, NULL);
  assert_problem (r, 412, "version-mismatch");
  g_assert_cmpint (json_object_get_int_member (obj (r), "current_version"), ==, 2);
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token,
            "{\"name\":\"\",\"address\":{\"street\":\"x\",\"postal_code\":\"2350\",\"city\":\"F\"},"
            "\"opening_hours\":[{\"day\":\"funday\",\"opens\":\"25:00\",\"closes\":\"02:00\"}]}", NULL);
  assert_field_error (r, "name", "required");
  assert_field_error (r, "address.postal_code", "invalid_format");
  assert_field_error (r, "opening_hours[0].day", "invalid_value");
  assert_field_error (r, "opening_hours[0].opens", "invalid_format");
  resp_free (r);
  box_stop (box);
}

static const guchar png_bytes[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static char *
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

static void
test_media (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *url = NULL;
  g_autofree char *id = upload_png (box, box->mp, token, &url);
  g_autofree char *target = g_strconcat (box->mp, "/media", NULL);
  g_autofree char *path = g_strconcat ("/media/", id, NULL);
  g_autofree char *big = g_malloc0 (10 * 1024 * 1024 + 1);
  Resp *r;

  /* Public content, byte for byte. */
  r = call_full (box, NULL, "GET", url, NULL, NULL, NULL, 0, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), png_bytes, sizeof png_bytes);
  resp_free (r);
  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "id"), ==, id);
  resp_free (r);

  /* Magic bytes decide, not the declared type. */
  r = call_full (box, NULL, "POST", target, token, "image/jpeg", png_bytes, sizeof png_bytes, NULL);
  assert_problem (r, 415, "unsupported-media-type");
  resp_free (r);
  r = call_full (box, NULL, "POST", target, token, "image/gif", "GIF89a", 6, NULL);
  assert_problem (r, 415, "unsupported-media-type");
  resp_free (r);
  memcpy (big, "\xff\xd8\xff", 3);
  r = call_full (box, NULL, "POST", target, token, "image/jpeg", big, 10 * 1024 * 1024 + 1, NULL);
  assert_problem (r, 413, "payload-too-large");
  resp_free (r);
  box_stop (box);
}

static void
test_products (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *photo = upload_png (box, box->mp, token, NULL);
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"Tarte\",\"description\":\"Aux pommes\",\"price_cents\":1450,\"vat_rate\":550,\"unit\":\"piece\","
    "\"category\":\"Pâtisseries\",\"gtin\":\"4006381333931\",\"sku\":\"T1\",\"photos\":[\"%s\"],"
    "\"options\":[{\"name\":\"Taille\",\"values\":[\"4\",\"6\"]},{\"name\":\"Pâte\",\"values\":[\"brisée\"]}],"
    "\"variants\":[{\"option_values\":[\"4\",\"brisée\"],\"price_cents\":1450,\"stock\":3,\"sku\":null},"
    "{\"option_values\":[\"6\",\"brisée\"],\"price_cents\":2100,\"stock\":null}]}", photo);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  Resp *r;

  r = call (box, "POST", box->mp, "/products", token, body, NULL);
  assert_status (r, 201);
  id = g_strdup (str (r, "id"));
  path = g_strconcat ("/products/", id, NULL);
  g_assert_true (g_str_has_suffix (header (r, "Location"), path));
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (obj (r), "variants")), ==, 2);
  resp_free (r);

  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "gtin"), ==, "4006381333931");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (r), "photos"), 0), ==, photo);
  resp_free (r);

  r = call (box, "PUT", box->mp, path, token, "{\"name\":\"Tarte fine\",\"price_cents\":900,\"vat_rate\":550,\"unit\":\"piece\"}",
            "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (obj (r), "version"), ==, 2);
  resp_free (r);
  r = call (box, "PUT", box->mp, path, token, "{\"name\":\"Tarte\",\"price_cents\":900,\"vat_rate\":550,\"unit\":\"piece\"}",
            "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);

  r = call (box, "POST", box->mp, "/products", token,
            "{\"name\":\"\",\"price_cents\":-1,\"vat_rate\":1900,\"unit\":\"box\",\"gtin\":\"4006381333932\","
            "\"photos\":[\"med_nope\"],\"stock\":\"3\","
            "\"options\":[{\"name\":\"T\",\"values\":[\"a\",\"b\"]}],\"variants\":[{\"option_values\":[\"a\"],\"price_cents\":1}]}",
            NULL);
  assert_field_error (r, "name", "required");
  assert_field_error (r, "price_cents", "out_of_range");
  assert_field_error (r, "vat_rate", "invalid_value");
  assert_field_error (r, "unit", "invalid_value");
  assert_field_error (r, "gtin", "invalid_value");
  assert_field_error (r, "photos[0]", "unknown_reference");
  assert_field_error (r, "stock", "invalid_type");
  assert_field_error (r, "variants", "required");
  resp_free (r);

  r = call (box, "DELETE", box->mp, path, token, NULL, "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "DELETE", box->mp, path, token, NULL, "If-Match", "\"2\"", NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);
  box_stop (box);
}

static void
test_pagination (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *fifth_time = NULL;
  guint pages = 0;
  Resp *r;

  for (int i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Produit %d", i);
      g_autofree char *id = create_product (box, token, name, 100 + i);
    }
  do
    {
      g_autofree char *path = cursor ? g_strdup_printf ("/products?limit=3&cursor=%s", cursor)
                                     : g_strdup ("/products?limit=3");
      JsonArray *items;
      JsonNode *next;

      r = call (box, "GET", box->mp, path, token, NULL, NULL);
      assert_status (r, 200);
      items = json_object_get_array_member (obj (r), "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 3);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "id"))));
          g_assert_cmpint (json_object_get_int_member (item, "version"), ==, 1);
          if (g_hash_table_size (seen) == 5)
            fifth_time = g_strdup (json_object_get_string_member (item, "updated_at"));
        }
      next = json_object_get_member (obj (r), "next_cursor");
      g_assert_nonnull (next);
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      resp_free (r);
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  {
    g_autofree char *since = g_uri_escape_string (fifth_time, NULL, FALSE);
    g_autofree char *path = g_strdup_printf ("/products?updated_since=%s", since);

    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 3);
    g_assert_true (json_object_get_null_member (obj (r), "next_cursor"));
    resp_free (r);
  }
  r = call (box, "GET", box->mp, "/products?limit=500&cursor=garbage&updated_since=yesterday", token, NULL, NULL);
  assert_field_error (r, "limit", "out_of_range");
  assert_field_error (r, "cursor", "invalid_value");
  assert_field_error (r, "updated_since", "invalid_format");
  resp_free (r);
  box_stop (box);
}

static JsonObject *
order_action (Box        *box,
              const char *token,
              const char *id,
              const char *action,
              const char *body,
              guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/orders/%s/%s", id, action);
  g_autoptr(Resp) r = call (box, "POST", box->mp, path, token, body, NULL);

  if (expected == 409)
    assert_problem (r, 409, "invalid-transition");
  else
    assert_status (r, expected);
  return json_object_ref (obj (r));
}

static void
test_orders (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *product = create_product (box, token, "Pain", 420);
  g_autofree char *spec = g_strdup_printf ("{\"lines\":[{\"product_id\":\"%s\",\"quantity\":3}],"
                                           "\"fulfilment\":\"delivery\",\"note\":\"Sonnez fort\"}", product);
  g_autoptr(JsonObject) order = control (box, "/_sandbox/orders", spec, 201);
  g_autoptr(JsonObject) other = control (box, "/_sandbox/orders", NULL, 201);
  g_autoptr(JsonObject) third = control (box, "/_sandbox/orders", NULL, 201);
  const char *id = json_object_get_string_member (order, "id");
  JsonObject *totals = json_object_get_object_member (order, "totals");
  JsonObject *o;
  g_autofree char *cancel_path = NULL;
  Resp *r;

  g_assert_cmpstr (json_object_get_string_member (order, "state"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "fulfilment"), "type"), ==, "delivery");
  g_assert_cmpint (json_object_get_int_member (totals, "subtotal_cents"), ==, 1260);
  g_assert_cmpint (json_object_get_int_member (totals, "total_cents"), ==,
                   1260 + json_object_get_int_member (totals, "delivery_fee_cents"));

  r = call (box, "GET", box->mp, "/orders?state=new", token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 3);
  resp_free (r);

  o = order_action (box, token, id, "ready", NULL, 409);
  json_object_unref (o);
  o = order_action (box, token, id, "accept", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "accepted");
  json_object_unref (o);
  o = order_action (box, token, id, "refunds", "{\"lines\":[{\"line_id\":\"ln_1\",\"quantity\":1}],\"reason\":\"Manquant\"}", 201);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "totals"), "refunded_cents"), ==, 420);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "refunds")), ==, 1);
  json_object_unref (o);
  {
    g_autofree char *path = g_strdup_printf ("/orders/%s/refunds", id);
    r = call (box, "POST", box->mp, path, token, "{\"lines\":[{\"line_id\":\"ln_1\",\"quantity\":3},{\"line_id\":\"ln_9\",\"quantity\":1}]}", NULL);
    assert_field_error (r, "lines[0].quantity", "out_of_range");
    assert_field_error (r, "lines[1].line_id", "unknown_reference");
    resp_free (r);
  }
  o = order_action (box, token, id, "ready", NULL, 200);
  json_object_unref (o);
  o = order_action (box, token, id, "complete", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "completed");
  json_object_unref (o);
  o = order_action (box, token, id, "accept", NULL, 409);
  json_object_unref (o);

  {
    g_autofree char *path = g_strdup_printf ("/orders/%s/reject", json_object_get_string_member (other, "id"));
    r = call (box, "POST", box->mp, path, token, "{}", NULL);
    assert_field_error (r, "reason", "required");
    resp_free (r);
  }
  o = order_action (box, token, json_object_get_string_member (other, "id"), "reject", "{\"reason\":\"Fermé\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (o, "rejection_reason"), ==, "Fermé");
  json_object_unref (o);

  /* Cancellation is the customer's. */
  cancel_path = g_strdup_printf ("/_sandbox/orders/%s/cancel", json_object_get_string_member (third, "id"));
  o = control (box, cancel_path, "{\"reason\":\"Empêché\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "cancelled");
  json_object_unref (o);
  o = order_action (box, token, json_object_get_string_member (third, "id"), "accept", NULL, 409);
  json_object_unref (o);

  {
    g_autofree char *path = g_strdup_printf ("/orders/%s", id);
    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpstr (header (r, "ETag"), ==, "\"5\"");
    resp_free (r);
  }

  /* The payout groups the completed order. */
  o = control (box, "/_sandbox/payouts", NULL, 201);
  {
    gint64 gross = json_object_get_int_member (o, "gross_cents");
    g_autofree char *path = g_strdup_printf ("/payouts/%s", json_object_get_string_member (o, "id"));

    g_assert_cmpint (gross, ==, 1260 - 420 + json_object_get_int_member (totals, "delivery_fee_cents"));
    g_assert_cmpint (json_object_get_int_member (o, "commission_cents"), ==, (gross * 800 + 5000) / 10000);
    g_assert_cmpint (json_object_get_int_member (o, "net_cents"), ==,
                     gross - json_object_get_int_member (o, "commission_cents") - json_object_get_int_member (o, "fees_cents"));
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "paid");
    g_assert_nonnull (json_object_get_string_member (o, "bank_reference"));
    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (r), "order_ids"), 0), ==, id);
    resp_free (r);
  }
  json_object_unref (o);
  r = call (box, "GET", box->mp, "/payouts", token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  resp_free (r);
  box_stop (box);
}

static void
test_idempotency (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  const char *body = "{\"name\":\"Brioche\",\"price_cents\":650,\"vat_rate\":550,\"unit\":\"piece\"}";
  Resp *first, *again, *other, *list;

  first = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-brioche-1", NULL);
  assert_status (first, 201);
  g_assert_null (header (first, "Idempotent-Replayed"));
  again = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-brioche-1", NULL);
  assert_status (again, 201);
  g_assert_cmpstr (header (again, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpstr (header (again, "ETag"), ==, header (first, "ETag"));
  g_assert_cmpstr (header (again, "Location"), ==, header (first, "Location"));
  other = call (box, "POST", box->mp, "/products", token, "{\"name\":\"Autre\",\"price_cents\":1,\"vat_rate\":550,\"unit\":\"piece\"}",
                "Idempotency-Key", "key-brioche-1", NULL);
  assert_problem (other, 422, "idempotency-key-reused");
  g_assert_cmpint (applied_count (box, "key-brioche-1"), ==, 1);

  list = call (box, "GET", box->mp, "/products", token, NULL, NULL);
  assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (list), "items")), ==, 1);

  resp_free (first);
  resp_free (again);
  resp_free (other);
  resp_free (list);

  /* Directory keys are scoped by API key too. */
  first = call (box, "POST", box->dir, "/offers", box->api_key,
                "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"6.50\",\"priceCurrency\":\"EUR\","
                "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brioche\"}}", "Idempotency-Key", "key-offer-1", NULL);
  assert_status (first, 201);
  again = call (box, "POST", box->dir, "/offers", box->api_key,
                "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"6.50\",\"priceCurrency\":\"EUR\","
                "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brioche\"}}", "Idempotency-Key", "key-offer-1", NULL);
  assert_status (again, 201);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (applied_count (box, "key-offer-1"), ==, 1);
  resp_free (first);
  resp_free (again);
  box_stop (box);
}

static const char listing_json[] =
  "{\"@context\":\"https://schema.org\",\"@type\":\"Florist\",\"name\":\"Fleurs de Felletin\","
  "\"address\":{\"@type\":\"PostalAddress\",\"streetAddress\":\"1 rue Reine Marie\",\"postalCode\":\"23500\","
  "\"addressLocality\":\"Felletin\",\"addressCountry\":\"FR\"},"
  "\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":45.88,\"longitude\":2.17},"
  "\"telephone\":\"+33 5 55 66 77 88\",\"email\":\"fleurs@example.org\",\"url\":\"https://fleurs.example.org\","
  "\"sameAs\":[\"https://www.instagram.com/fleurs\"],\"logo\":\"https://fleurs.example.org/logo.png\","
  "\"image\":[\"https://fleurs.example.org/a.jpg\"],"
  "\"openingHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"dayOfWeek\":[\"Monday\",\"https://schema.org/Tuesday\"],"
  "\"opens\":\"09:00\",\"closes\":\"12:30\"}],"
  "\"specialOpeningHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"validFrom\":\"2026-08-10\","
  "\"validThrough\":\"2026-08-20\",\"opens\":\"00:00\",\"closes\":\"00:00\"}]}";

static void
test_directory (void)
{
  Box *box = box_start (NULL);
  const char *key = box->api_key;
  g_autofree char *offer_id = NULL;
  g_autofree char *offer_path = NULL;
  g_autofree char *revoke = g_strdup_printf ("{\"api_key\":\"%s\"}", key);
  JsonObject *o;
  Resp *r;

  r = call (box, "GET", box->dir, "/listing", NULL, NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing", "dk_wrong", NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing", key, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);
  control (box, "/_sandbox/listing/publish", NULL, 404);

  r = call (box, "PUT", box->dir, "/listing", key, listing_json, NULL);
  assert_status (r, 201);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/ld+json");
  g_assert_cmpstr (str (r, "@type"), ==, "Florist");
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "state"), ==, "pending");
  resp_free (r);

  o = control (box, "/_sandbox/listing/reject", "{\"reason\":\"Ajoutez une photo\"}", 200);
  json_object_unref (o);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "rejected");
  g_assert_cmpstr (str (r, "reason"), ==, "Ajoutez une photo");
  resp_free (r);

  r = call (box, "PUT", box->dir, "/listing", key, listing_json, "If-Match", "\"7\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "PUT", box->dir, "/listing", key, listing_json, "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (obj (r), "listing_version"), ==, 2);
  resp_free (r);
  o = control (box, "/_sandbox/listing/publish", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "published");
  json_object_unref (o);

  r = call (box, "PUT", box->dir, "/listing", key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Spaceport\",\"name\":\"X\","
            "\"address\":{\"@type\":\"PostalAddress\",\"streetAddress\":\"x\",\"postalCode\":\"ABC\",\"addressLocality\":\"Y\",\"addressCountry\":\"BE\"},"
            "\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":95,\"longitude\":2},"
            "\"openingHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"dayOfWeek\":\"Caturday\",\"opens\":\"9h\",\"closes\":\"12:00\"}]}",
            NULL);
  assert_field_error (r, "@type", "invalid_value");
  assert_field_error (r, "address.postalCode", "invalid_format");
  assert_field_error (r, "address.addressCountry", "invalid_value");
  assert_field_error (r, "geo.latitude", "out_of_range");
  assert_field_error (r, "openingHoursSpecification[0].dayOfWeek", "invalid_value");
  assert_field_error (r, "openingHoursSpecification[0].opens", "invalid_format");
  resp_free (r);

  /* Offers: prices are decimal strings with two decimals. */
  r = call (box, "POST", box->dir, "/offers", key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"12.50\",\"priceCurrency\":\"EUR\","
            "\"eligibleQuantity\":{\"@type\":\"QuantitativeValue\",\"value\":1,\"unitCode\":\"KGM\"},"
            "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Bouquet\",\"gtin\":\"4006381333931\"}}", NULL);
  assert_status (r, 201);
  offer_id = g_strdup (str (r, "identifier"));
  g_assert_cmpstr (str (r, "price"), ==, "12.50");
  g_assert_cmpstr (str (r, "availability"), ==, "https://schema.org/InStock");
  g_assert_cmpstr (header (r, "Location"), ==, str (r, "@id"));
  resp_free (r);
  offer_path = g_strconcat ("/offers/", offer_id, NULL);
  r = call (box, "GET", box->dir, offer_path, key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  resp_free (r);
  for (const char * const *bad = (const char *[]) { "\"12.5\"", "12.5", "\"12,50\"", "\"012.50\"", NULL }; *bad; bad++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":%s,"
                                               "\"priceCurrency\":\"EUR\",\"itemOffered\":{\"@type\":\"Product\",\"name\":\"B\"}}", *bad);
      r = call (box, "PUT", box->dir, offer_path, key, json, NULL);
      assert_problem (r, 422, "validation-failed");
      resp_free (r);
    }
  r = call (box, "PUT", box->dir, offer_path, key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"0.05\",\"priceCurrency\":\"EUR\","
            "\"availability\":\"https://schema.org/OutOfStock\",\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brin\"}}",
            "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (obj (r), "version"), ==, 2);
  resp_free (r);
  r = call (box, "GET", box->dir, "/offers?limit=1", key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  g_assert_true (json_object_get_null_member (obj (r), "next_cursor"));
  resp_free (r);
  r = call (box, "DELETE", box->dir, offer_path, key, NULL, "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "DELETE", box->dir, offer_path, key, NULL, NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->dir, offer_path, key, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);

  g_free (upload_png (box, box->dir, key, NULL));

  control (box, "/_sandbox/revoke", revoke, 204);
  r = call (box, "GET", box->dir, "/listing", key, NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  box_stop (box);
}

static void
test_demo (void)
{
  Box *box = box_start ("--demo", "--simulate-orders", "1", NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_orders;
  JsonArray *items;
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  g_assert_cmpstr (str (r, "name"), ==, "Boulangerie du Lavoir");
  resp_free (r);
  r = call (box, "GET", box->mp, "/orders?limit=200", token, NULL, NULL);
  items = json_object_get_array_member (obj (r), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_hash_table_add (states, (gpointer) json_object_get_string_member (json_array_get_object_element (items, i), "state"));
  g_assert_cmpuint (g_hash_table_size (states), ==, 6);
  n_orders = json_array_get_length (items);
  resp_free (r);

  /* --simulate-orders 1: a customer orders every second. */
  g_usleep (1300 * 1000);
  r = call (box, "GET", box->mp, "/orders?limit=200&state=new", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  r = call (box, "GET", box->mp, "/orders?limit=200", token, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), >, n_orders);
  resp_free (r);
  r = call (box, "GET", box->mp, "/payouts", token, NULL, NULL);
  items = json_object_get_array_member (obj (r), "items");
  g_assert_cmpuint (json_array_get_length (items), >=, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "status"), ==, "paid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", box->api_key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "published");
  resp_free (r);
  box_stop (box);
}

static void
test_rate_limit (void)
{
  Box *box = box_start ("--rate-limit", "2", NULL);
  guint limited = 0;

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(Resp) r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);

      if (r->status == 429)
        {
          assert_problem (r, 429, "rate-limited");
          g_assert_cmpint (g_ascii_strtoll (header (r, "Retry-After"), NULL, 10), >=, 1);
          limited++;
        }
      else
        assert_status (r, 200);
    }
  g_assert_cmpuint (limited, >=, 5);
  box_stop (box);
}

static void
test_faults (void)
{
  Box *box = box_start ("--fail-rate", "1", NULL);
  Resp *r;

  r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);
  assert_problem (r, 503, "unavailable");
  g_assert_nonnull (header (r, "Retry-After"));
  resp_free (r);
  r = call (box, "GET", box->dir, "/.well-known/comptoir-platform", NULL, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  box_stop (box);

  box = box_start ("--latency-ms", "150", NULL);
  {
    gint64 start = g_get_monotonic_time ();
    r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
    resp_free (r);
  }
  box_stop (box);
}

/* A cut connection after the mutation was applied: the client sees an error, the
 * server applied it once; a retry with the same key (here on a healthy server sharing
 * the same data file) is replayed, not applied again. */
static void
test_drop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sandbox-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "data.sqlite", NULL);
  const char *body = "{\"name\":\"Fougasse\",\"price_cents\":350,\"vat_rate\":550,\"unit\":\"piece\"}";
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  Box *box;
  Resp *r;

  box = box_start ("--data", file, NULL);
  token = sign_in (box, NULL);
  email = g_strdup (box->email);
  box_stop (box);

  box = box_start ("--data", file, "--drop-rate", "1", NULL);
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (box->mp, "/products", NULL);
    const char *extra[] = { "Idempotency-Key", "key-fougasse", NULL };

    r = call_full (box, session, "POST", url, token, NULL, body, strlen (body), extra);
    g_assert_nonnull (r->error);
    resp_free (r);
  }
  g_assert_cmpint (applied_count (box, "key-fougasse"), ==, 1);
  box_stop (box);

  /* Persistence: same credentials, the product is there, the key is remembered. */
  box = box_start ("--data", file, NULL);
  g_assert_cmpstr (box->email, ==, email);
  r = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-fougasse", NULL);
  assert_status (r, 201);
  g_assert_cmpstr (header (r, "Idempotent-Replayed"), ==, "true");
  resp_free (r);
  r = call (box, "GET", box->mp, "/products", token, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  resp_free (r);
  box_stop (box);

  g_remove (file);
  {
    g_autofree char *wal = g_strconcat (file, "-wal", NULL);
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/well-known", test_well_known);
  g_test_add_func ("/sandbox/auth", test_auth);
  g_test_add_func ("/sandbox/auth/expiry", test_token_expiry);
  g_test_add_func ("/sandbox/marketplace/shop", test_shop);
  g_test_add_func ("/sandbox/marketplace/media", test_media);
  g_test_add_func ("/sandbox/marketplace/products", test_products);
  g_test_add_func ("/sandbox/marketplace/pagination", test_pagination);
  g_test_add_func ("/sandbox/marketplace/orders-payouts", test_orders);
  g_test_add_func ("/sandbox/idempotency", test_idempotency);
  g_test_add_func ("/sandbox/directory", test_directory);
  g_test_add_func ("/sandbox/demo", test_demo);
  g_test_add_func ("/sandbox/rate-limit", test_rate_limit);
  g_test_add_func ("/sandbox/faults", test_faults);
  g_test_add_func ("/sandbox/drop-and-persistence", test_drop);

  return g_test_run ();
}

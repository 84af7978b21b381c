// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-http-client.h"
#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-secrets.h"
#include "comptoir-test-utils.h"

/* Secrets appear nowhere but in the keyring; plain HTTP and bad
 * certificates are refused; hostile answers give clear errors. */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_string_append (log_text, line);
  g_string_append_c (log_text, '\n');
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static char *
lookup_secret (gint64             account,
               ComptoirSecretKind kind)
{
  g_autoptr(GAsyncResult) result = NULL;

  comptoir_secrets_lookup_async (account, kind, NULL, CB);
  result = AWAIT ();
  return comptoir_secrets_lookup_finish (result, NULL);
}

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 4);
  char *data = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", NULL, NULL));
  return g_bytes_new_take (data, len);
}

/* Runs every operation of @platform once; what fails (not supported,
 * conflicts) fails, what matters is what gets written and logged. */
static void
exercise (ComptoirPlatform *platform)
{
  g_autoptr(ComptoirShop) shop = comptoir_shop_new ();
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(ComptoirRemoteObject) created = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { key, 0 };
  const char *lines[] = { "ln_none", NULL };
  const guint quantities[] = { 1 };

  comptoir_shop_set_name (shop, "Fleurs de Lise");
  comptoir_shop_set_category (shop, "florist");
  comptoir_shop_set_street (shop, "1 rue Haute");
  comptoir_shop_set_postcode (shop, "23000");
  comptoir_shop_set_city (shop, "Guéret");
  comptoir_product_set_name (product, "Bouquet");
  comptoir_product_set_price_cents (product, 1500);
  comptoir_product_set_vat_rate (product, 1000);
  comptoir_product_set_unit (product, "piece");

#define RUN(call, finish) G_STMT_START { call; r = AWAIT (); finish; g_clear_object (&r); } G_STMT_END
  RUN (comptoir_platform_push_shop_async (platform, shop, NULL, &mutation, NULL, CB),
       g_clear_pointer (&created, comptoir_remote_object_free);
       created = comptoir_platform_finish_remote (platform, r, NULL));
  mutation.idempotency_key = "sec-media";
  RUN (comptoir_platform_upload_media_async (platform, png, "image/png", &mutation, NULL, CB),
       comptoir_remote_object_free (comptoir_platform_finish_remote (platform, r, NULL)));
  mutation.idempotency_key = "sec-product";
  RUN (comptoir_platform_create_product_async (platform, product, NULL, &mutation, NULL, CB),
       g_clear_pointer (&created, comptoir_remote_object_free);
       created = comptoir_platform_finish_remote (platform, r, NULL));
  g_assert_nonnull (created);
  mutation.idempotency_key = "sec-update";
  RUN (comptoir_platform_update_product_async (platform, created->id, product, NULL, &mutation, NULL, CB),
       comptoir_remote_object_free (comptoir_platform_finish_remote (platform, r, NULL)));
  RUN (comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB),
       comptoir_page_free (comptoir_platform_finish_page (platform, r, NULL)));
  RUN (comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB),
       comptoir_page_free (comptoir_platform_finish_page (platform, r, NULL)));
  RUN (comptoir_platform_transition_order_async (platform, "ord_none", "accept", NULL, NULL, NULL, CB),
       g_clear_object (&product); product = comptoir_product_new ();
       { ComptoirOrder *o = comptoir_platform_finish_order (platform, r, NULL); g_clear_object (&o); });
  RUN (comptoir_platform_refund_order_async (platform, "ord_none", lines, quantities, NULL, NULL, NULL, CB),
       { ComptoirOrder *o = comptoir_platform_finish_order (platform, r, NULL); g_clear_object (&o); });
  RUN (comptoir_platform_list_payouts_async (platform, NULL, NULL, NULL, CB),
       comptoir_page_free (comptoir_platform_finish_page (platform, r, NULL)));
  RUN (comptoir_platform_get_moderation_async (platform, NULL, CB),
       comptoir_moderation_free (comptoir_platform_finish_moderation (platform, r, NULL)));
  mutation.idempotency_key = "sec-delete";
  RUN (comptoir_platform_delete_product_async (platform, created->id, &mutation, NULL, CB),
       comptoir_platform_finish_boolean (platform, r, NULL));
#undef RUN
}

static void
sleep_in_loop (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static void
test_secrets_nowhere (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--token-lifetime", "1", NULL);
  g_autofree char *path = comptoir_test_tmp_path ("security.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, NULL);
  g_autoptr(ComptoirAccount) market = NULL;
  g_autoptr(ComptoirAccount) directory = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_secrets_free);
  g_autoptr(GAsyncResult) r = NULL;
  const char *files[] = { path, wal, shm, keyfile };

  g_assert_nonnull (store);
  market = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  directory = comptoir_test_connect_account (store, sandbox->directory, NULL, sandbox->api_key);
  g_ptr_array_add (secrets, lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_ACCESS_TOKEN));
  g_ptr_array_add (secrets, lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_REFRESH_TOKEN));

  platform = comptoir_platform_new_for_account (store, market);
  exercise (platform);
  /* Once more after the access token expired: the refresh path too. */
  sleep_in_loop (1500);
  exercise (platform);
  g_ptr_array_add (secrets, lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_ACCESS_TOKEN));
  g_clear_object (&platform);
  platform = comptoir_platform_new_for_account (store, directory);
  exercise (platform);
  g_clear_object (&platform);

  /* Settings are written with the keyfile backend, as on disk. */
  g_settings_set_string (settings, "last-section", "publishing");
  g_settings_sync ();
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_EXISTS));

  /* Signing out one account runs the revoke path too. */
  comptoir_platform_sign_out_account_async (store, market, FALSE, NULL, CB);
  r = AWAIT ();
  g_assert_true (comptoir_platform_sign_out_account_finish (r, NULL));

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < secrets->len; i++)
    g_assert_nonnull (secrets->pdata[i]);
  g_ptr_array_add (secrets, g_strdup (sandbox->api_key));
  g_ptr_array_add (secrets, g_strdup (sandbox->password));

  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = secrets->pdata[i];

      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        if (comptoir_test_file_contains (files[f], secret))
          g_error ("A secret was written to %s", files[f]);
      g_assert_null (strstr (log_text->str, secret));
    }
  /* The log did record the requests (so the check above means something). */
  g_assert_nonnull (strstr (log_text->str, "/auth/refresh"));
  g_assert_nonnull (strstr (log_text->str, "/offers"));
  comptoir_store_close (store);
  comptoir_test_sandbox_stop (sandbox);
}

static GError *
send_get (const char *url)
{
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(ComptoirHttpClient) client = comptoir_http_client_new ();
  ComptoirHttpRequest request = { .method = "GET", .url = url };
  GError *error = NULL;
  g_autoptr(ComptoirHttpResponse) response = NULL;

  comptoir_http_client_send_async (client, &request, NULL, CB);
  r = AWAIT ();
  response = comptoir_http_client_send_finish (client, r, &error);
  return error;
}

static void
test_https_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (comptoir_http_check_url ("https://marche.example.fr/v1", NULL));
  g_assert_true (comptoir_http_check_url ("http://127.0.0.1:8080/v1", NULL));
  g_assert_true (comptoir_http_check_url ("http://127.3.2.1/v1", NULL));
  g_assert_true (comptoir_http_check_url ("http://[::1]:8080/v1", NULL));
  g_assert_true (comptoir_http_check_url ("http://localhost:8080/v1", NULL));
  g_assert_false (comptoir_http_check_url ("http://marche.example.invalid/v1", NULL));
  g_assert_false (comptoir_http_check_url ("http://128.0.0.1/v1", NULL));
  g_assert_false (comptoir_http_check_url ("http://localhost.example.invalid/v1", NULL));
  g_assert_false (comptoir_http_check_url ("ftp://marche.example.invalid/v1", NULL));
  g_assert_false (comptoir_http_check_url ("file:///etc/passwd", NULL));

  /* Refused before any connection: at once, whatever the host. */
  error = send_get ("http://marche.example.invalid/v1/products");
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  comptoir_platform_discover_async ("http://marche.example.invalid", NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_discover_finish (r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static guint handled;

static void
count_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  handled++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static guint
server_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static void
self_signed_refused (void)
{
  g_autofree char *cert = comptoir_test_tmp_path ("cert.pem");
  g_autofree char *key = comptoir_test_tmp_path ("key.pem");
  g_autofree char *command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
                                              "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost "
                                              "-keyout %s -out %s", key, cert);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, count_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u/marketplace/v1/products", server_port (server));

  handled = 0;
  error = send_get (url);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, g_dgettext (GETTEXT_PACKAGE, "certificate")));
  /* The request never reached the server. */
  g_assert_cmpuint (handled, ==, 0);
  soup_server_disconnect (server);
}

/* Runs in a child process: once GnuTLS (glib-networking) is loaded,
 * LeakSanitizer's tracer crashes at exit — its problem, not a leak — so
 * leak checking is off in that child only. */
static void
test_self_signed_refused (void)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");
  g_autofree char *saved = g_strdup (asan);
  g_autofree char *child_asan = g_strconcat (asan ? asan : "", asan ? ":" : "", "detect_leaks=0", NULL);

  if (g_test_subprocess ())
    {
      self_signed_refused ();
      return;
    }
  g_setenv ("ASAN_OPTIONS", child_asan, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");
  g_test_trap_assert_passed ();
}

/* A server that answers whatever the path asks for. */

static guint big_chunks_written;
static gboolean big_done;

static void
wrote_chunk_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  static char chunk[1024 * 1024];

  if (big_done)
    return;
  if (++big_chunks_written >= 50)
    {
      big_done = TRUE;
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }
  memset (chunk, 'a', sizeof chunk);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY, chunk, sizeof chunk);
}

static void
hostile_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *body = NULL;
  guint status = 200;
  const char *type = "application/json";

  if (g_str_has_prefix (path, "/wrong-type/"))
    body = "{\"name\":42,\"kind\":\"marketplace\",\"api_version\":\"1.0\",\"currency\":\"EUR\",\"terms_url\":\"https://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/huge-number/"))
    body = "{\"name\":\"Marché\",\"kind\":\"marketplace\",\"api_version\":\"1.0\",\"currency\":\"EUR\","
           "\"commission_rate\":123456789012345678901234567890,\"terms_url\":\"https://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/float/"))
    body = "{\"name\":\"Marché\",\"kind\":\"marketplace\",\"api_version\":\"1.0\",\"currency\":\"EUR\","
           "\"commission_rate\":1e400,\"terms_url\":\"https://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/missing/"))
    body = "{\"kind\":\"marketplace\",\"api_version\":\"1.0\",\"currency\":\"EUR\",\"terms_url\":\"https://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/http-terms/"))
    body = "{\"name\":\"Marché\",\"kind\":\"marketplace\",\"api_version\":\"1.0\",\"currency\":\"EUR\",\"terms_url\":\"http://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/markup/"))
    body = "{\"name\":\"<b>Marché</b> & <span foreground='red'>co</span>\",\"kind\":\"marketplace\",\"api_version\":\"1.0\","
           "\"currency\":\"EUR\",\"commission_rate\":800,\"terms_url\":\"https://x.example/cgv\"}";
  else if (g_str_has_prefix (path, "/format/"))
    {
      status = 500;
      type = "application/problem+json";
      body = "{\"type\":\"https://x/%s%n%s\",\"title\":\"%s%s%n\",\"status\":500,\"detail\":\"%n%n%n\"}";
    }
  else if (g_str_has_prefix (path, "/silent/"))
    {
      /* Never answers: the client's whole-request time-out must end it. */
      soup_server_message_pause (msg);
      return;
    }
  else if (g_str_has_prefix (path, "/deep/"))
    {
      GString *deep = g_string_new (NULL);
      for (guint i = 0; i < 200000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 200000; i++)
        g_string_append_c (deep, ']');
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, deep->str, deep->len);
      g_string_free (deep, FALSE);
      return;
    }
  else if (g_str_has_prefix (path, "/declared-big/"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_length (headers, 50 * 1024 * 1024);
      soup_message_headers_set_content_type (headers, type, NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "{", 1);
      return;
    }
  else if (g_str_has_prefix (path, "/big/"))
    {
      /* 50 MB, sent a megabyte at a time as the client reads. */
      SoupMessageBody *response = soup_server_message_get_response_body (msg);

      big_chunks_written = 0;
      big_done = FALSE;
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, type, NULL);
      soup_message_body_set_accumulate (response, FALSE);
      soup_message_body_append (response, SOUP_MEMORY_STATIC, "{\"name\":\"", 9);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), NULL);
      return;
    }
  else
    status = 404;

  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_STATIC, body, strlen (body));
}

static GError *
discover_error (const char            *origin,
                const char            *kind,
                ComptoirPlatformInfo **info)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/v1", origin, kind);
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;

  comptoir_platform_discover_async (url, NULL, CB);
  r = AWAIT ();
  *info = comptoir_platform_discover_finish (r, &error);
  return error;
}

static void
test_hostile_json (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  ComptoirPlatformInfo *info = NULL;
  const char *protocol_errors[] = { "wrong-type", "huge-number", "float", "missing", "http-terms", "deep", "big", "declared-big" };

  soup_server_add_handler (server, NULL, hostile_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  origin = g_strdup_printf ("http://127.0.0.1:%u", server_port (server));

  for (guint i = 0; i < G_N_ELEMENTS (protocol_errors); i++)
    {
      gint64 start = g_get_monotonic_time ();

      error = discover_error (origin, protocol_errors[i], &info);
      g_test_message ("%s: %s", protocol_errors[i], error ? error->message : "no error");
      g_assert_null (info);
      g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL);
      /* A sentence for the merchant, never the server's text. */
      g_assert_cmpuint (strlen (error->message), >, 30);
      g_assert_null (strstr (error->message, "{"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      g_clear_error (&error);
    }
  /* The 50 MB body was not read to its end. */
  g_test_message ("chunks of 1 MB written before the client gave up: %u", big_chunks_written);
  g_assert_cmpuint (big_chunks_written, <, 50);

  /* Format directives in a problem document are data. */
  error = discover_error (origin, "format", &info);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
  g_assert_null (strstr (error->message, "%"));
  g_clear_error (&error);

  /* A platform that never answers: a time-out, in the merchant's words. */
  {
    g_autoptr(ComptoirHttpClient) client = comptoir_http_client_new ();
    g_autofree char *url = g_strdup_printf ("%s/silent/v1/orders", origin);
    ComptoirHttpRequest request = { .method = "GET", .url = url };
    g_autoptr(GAsyncResult) r = NULL;
    gint64 start = g_get_monotonic_time ();

    comptoir_http_client_set_timeouts (client, 5, 1);
    comptoir_http_client_send_async (client, &request, NULL, CB);
    r = AWAIT ();
    g_assert_null (comptoir_http_client_send_finish (client, r, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
    g_clear_error (&error);
  }

  /* Markup in a name is kept as text, to be shown as text. */
  error = discover_error (origin, "markup", &info);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "<b>Marché</b> & <span foreground='red'>co</span>");
  g_assert_cmpint (info->commission_rate, ==, 800);
  comptoir_platform_info_free (info);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  comptoir_test_init (&argc, &argv);
  /* Settings as they are written on disk, in this test's own folder. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  g_test_add_func ("/security/secrets-nowhere", test_secrets_nowhere);
  g_test_add_func ("/security/https-only", test_https_only);
  g_test_add_func ("/security/self-signed-refused", test_self_signed_refused);
  g_test_add_func ("/security/hostile-json", test_hostile_json);

  return g_test_run ();
}

// SPDX-License-Identifier: GPL-3.0-or-later
#define _GNU_SOURCE
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"

static char *
dup_member (JsonObject *object,
            const char *member)
{
  return g_strdup (json_object_get_string_member (object, member));
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * comptoir_test_sandbox_start:
 * @first_option: options after `--port 0`, %NULL-terminated
 *
 * Starts $COMPTOIR_SANDBOX and reads the JSON line it prints.
 */
ComptoirTestSandbox *
comptoir_test_sandbox_start (const char *first_option,
                             ...)
{
  const char *path = g_getenv ("COMPTOIR_SANDBOX");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  ComptoirTestSandbox *sandbox = g_new0 (ComptoirTestSandbox, 1);
  JsonObject *object;
  va_list args;

  g_assert_nonnull (path);
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, "--port");
  g_ptr_array_add (argv, "0");
  va_start (args, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) option);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A failed test must not leave the server running. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sandbox->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  sandbox->marketplace = dup_member (object, "marketplace");
  sandbox->directory = dup_member (object, "directory");
  sandbox->email = dup_member (object, "marketplace_email");
  sandbox->password = dup_member (object, "marketplace_password");
  sandbox->api_key = dup_member (object, "directory_api_key");
  sandbox->origin = g_strndup (sandbox->marketplace, strstr (sandbox->marketplace, "/marketplace") - sandbox->marketplace);
  return sandbox;
}

void
comptoir_test_sandbox_stop (ComptoirTestSandbox *sandbox)
{
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, NULL);
  g_object_unref (sandbox->process);
  g_free (sandbox->marketplace);
  g_free (sandbox->directory);
  g_free (sandbox->origin);
  g_free (sandbox->email);
  g_free (sandbox->password);
  g_free (sandbox->api_key);
  g_free (sandbox);
}

/* The test-only control surface, used as customers and volunteers would. */
JsonNode *
comptoir_test_sandbox_control (ComptoirTestSandbox *sandbox,
                               const char          *method,
                               const char          *path,
                               const char          *json_body,
                               guint               *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sandbox->origin, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);
  if (g_bytes_get_size (body) == 0
      || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

void
comptoir_test_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Runs the main loop until the callback above filled @slot; the caller
 * owns the result (and resets the slot). */
GAsyncResult *
comptoir_test_await (GAsyncResult **slot)
{
  GAsyncResult *result;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  result = *slot;
  *slot = NULL;
  return result;
}

/* Whether the bytes of @path (if it exists) contain @needle. */
gboolean
comptoir_test_file_contains (const char *path,
                             const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* Connects the platform at @url as the merchant does (discovery, then sign
 * in, the secret going to the keyring); the account must be accepted. */
ComptoirAccount *
comptoir_test_connect_account (ComptoirStore *store,
                               const char    *url,
                               const char    *login,
                               const char    *secret)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) connected = NULL;
  g_autoptr(ComptoirPlatformInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirAccount *account;

  comptoir_platform_discover_async (url, NULL, comptoir_test_result_cb, &slot);
  found = comptoir_test_await (&slot);
  info = comptoir_platform_discover_finish (found, &error);
  g_assert_no_error (error);
  comptoir_platform_connect_async (store, info, login, secret, NULL, comptoir_test_result_cb, &slot);
  connected = comptoir_test_await (&slot);
  account = comptoir_platform_connect_finish (connected, &error);
  g_assert_no_error (error);
  return account;
}

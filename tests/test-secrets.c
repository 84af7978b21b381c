// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-secrets.h"
#include "comptoir-test-utils.h"

/* Runs under run-with-keyring.sh: "daemon" (gnome-keyring in a private
 * D-Bus session), "file" (libsecret's file backend, as in Flatpak) or
 * "locked" (a daemon nobody unlocked). */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

static gboolean
store_secret (gint64             account,
              ComptoirSecretKind kind,
              const char        *secret,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  comptoir_secrets_store_async (account, kind, "Le Marché du Pays", secret, NULL, CB);
  result = AWAIT ();
  return comptoir_secrets_store_finish (result, error);
}

static char *
lookup_secret (gint64             account,
               ComptoirSecretKind kind,
               GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  comptoir_secrets_lookup_async (account, kind, NULL, CB);
  result = AWAIT ();
  return comptoir_secrets_lookup_finish (result, error);
}

static gboolean
clear_secrets (gint64   account,
               GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  comptoir_secrets_clear_async (account, NULL, CB);
  result = AWAIT ();
  return comptoir_secrets_clear_finish (result, error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  g_assert_true (store_secret (1, COMPTOIR_SECRET_ACCESS_TOKEN, "at_first", &error));
  g_assert_no_error (error);
  g_assert_true (store_secret (1, COMPTOIR_SECRET_REFRESH_TOKEN, "rt_first", &error));
  g_assert_true (store_secret (2, COMPTOIR_SECRET_API_KEY, "dk_other", &error));
  g_assert_no_error (error);

  secret = lookup_secret (1, COMPTOIR_SECRET_ACCESS_TOKEN, &error);
  g_assert_cmpstr (secret, ==, "at_first");
  comptoir_secrets_free (secret);

  /* Storing again replaces: one secret per account and kind. */
  g_assert_true (store_secret (1, COMPTOIR_SECRET_ACCESS_TOKEN, "at_second", &error));
  secret = lookup_secret (1, COMPTOIR_SECRET_ACCESS_TOKEN, &error);
  g_assert_cmpstr (secret, ==, "at_second");
  comptoir_secrets_free (secret);

  /* Nothing of another kind or account leaks in. */
  g_assert_null (lookup_secret (1, COMPTOIR_SECRET_API_KEY, &error));
  g_assert_no_error (error);
  g_assert_null (lookup_secret (3, COMPTOIR_SECRET_ACCESS_TOKEN, &error));
  g_assert_no_error (error);

  /* Signing out deletes every secret of that account only. */
  g_assert_true (clear_secrets (1, &error));
  g_assert_no_error (error);
  g_assert_null (lookup_secret (1, COMPTOIR_SECRET_ACCESS_TOKEN, &error));
  g_assert_null (lookup_secret (1, COMPTOIR_SECRET_REFRESH_TOKEN, &error));
  g_assert_no_error (error);
  secret = lookup_secret (2, COMPTOIR_SECRET_API_KEY, &error);
  g_assert_cmpstr (secret, ==, "dk_other");
  comptoir_secrets_free (secret);
  g_assert_true (clear_secrets (2, &error));
  /* Clearing what is not there is fine. */
  g_assert_true (clear_secrets (2, &error));
  g_assert_no_error (error);
}

static void
test_connect_keeps_key_in_keyring (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autofree char *path = comptoir_test_tmp_path ("secrets.db");
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, NULL);
  g_autoptr(ComptoirPlatformInfo) info = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  comptoir_platform_discover_async (sandbox->directory, NULL, CB);
  result = AWAIT ();
  info = comptoir_platform_discover_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  comptoir_platform_connect_async (store, info, NULL, sandbox->api_key, NULL, CB);
  result = AWAIT ();
  account = comptoir_platform_connect_finish (result, &error);
  g_assert_no_error (error);
  secret = lookup_secret (comptoir_account_get_id (account), COMPTOIR_SECRET_API_KEY, &error);
  g_assert_cmpstr (secret, ==, sandbox->api_key);
  comptoir_secrets_free (secret);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_locked (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autofree char *path = comptoir_test_tmp_path ("locked.db");
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, NULL);
  g_autoptr(ComptoirPlatformInfo) info = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  /* Storing fails with our message, not libsecret's. */
  g_assert_false (store_secret (1, COMPTOIR_SECRET_API_KEY, "dk_locked", &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_KEYRING);
  g_assert_null (strstr (error->message, "collection"));
  g_clear_error (&error);

  /* Connecting fails cleanly: no account, the key stored nowhere. */
  comptoir_platform_discover_async (sandbox->marketplace, NULL, CB);
  result = AWAIT ();
  info = comptoir_platform_discover_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  comptoir_platform_connect_async (store, info, sandbox->email, sandbox->password, NULL, CB);
  result = AWAIT ();
  account = comptoir_platform_connect_finish (result, &error);
  g_assert_null (account);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_KEYRING);
  g_assert_cmpint (comptoir_store_count (store, "accounts"), ==, 0);
  g_assert_false (comptoir_test_file_contains (path, sandbox->password));
  g_assert_false (comptoir_test_file_contains (wal, sandbox->password));
  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("COMPTOIR_KEYRING_MODE");

  comptoir_test_init (&argc, &argv);

  if (g_strcmp0 (mode, "locked") == 0)
    g_test_add_func ("/secrets/locked", test_locked);
  else if (mode != NULL)
    {
      g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
      g_test_add_func ("/secrets/connect-keeps-key-in-keyring", test_connect_keeps_key_in_keyring);
    }
  return g_test_run ();
}

// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-secrets"

#include "comptoir-i18n.h"

#include <libsecret/secret.h>

#include "comptoir-error.h"
#include "comptoir-secrets.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID, SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  return &schema;
}

static const char *
kind_name (ComptoirSecretKind kind)
{
  switch (kind)
    {
    case COMPTOIR_SECRET_ACCESS_TOKEN:
      return "access-token";
    case COMPTOIR_SECRET_REFRESH_TOKEN:
      return "refresh-token";
    case COMPTOIR_SECRET_API_KEY:
      return "api-key";
    default:
      g_assert_not_reached ();
    }
}

/* libsecret's own messages are technical English (and may come from
 * another process): the merchant gets ours. */
static GError *
keyring_error (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  g_debug ("keyring: %s", error->message);
  return g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_KEYRING,
                              _("The keyring of this computer is locked or missing, so Comptoir "
                                "cannot keep your sign-in safe. Unlock the keyring (it opens "
                                "with your session password), then try again."));
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * comptoir_secrets_store_async:
 * @account_id: the account (row of the accounts table)
 * @kind: which secret
 * @platform_name: shown in the keyring's label
 * @secret: the secret
 *
 * Stores @secret in the default keyring collection, replacing the one of
 * the same account and kind.
 */
void
comptoir_secrets_store_async (gint64               account_id,
                              ComptoirSecretKind   kind,
                              const char          *platform_name,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* TRANSLATORS: label of the keyring item, %s is the platform's name */
  g_autofree char *label = g_strdup_printf (_("Comptoir access to %s"), platform_name ? platform_name : "");

  g_return_if_fail (secret != NULL);
  g_task_set_source_tag (task, comptoir_secrets_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         store_cb, task,
                         "account", (int) account_id,
                         "kind", kind_name (kind),
                         NULL);
}

gboolean
comptoir_secrets_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
comptoir_secrets_lookup_async (gint64               account_id,
                               ComptoirSecretKind   kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, comptoir_secrets_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "account", (int) account_id,
                          "kind", kind_name (kind),
                          NULL);
}

/**
 * comptoir_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, %NULL without error
 *   when there is none; free with comptoir_secrets_free().
 */
char *
comptoir_secrets_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without error: there was nothing to delete. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * comptoir_secrets_clear_async:
 *
 * Deletes every secret of the account.
 */
void
comptoir_secrets_clear_async (gint64               account_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, comptoir_secrets_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_cb, task,
                         "account", (int) account_id,
                         NULL);
}

gboolean
comptoir_secrets_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
comptoir_secrets_free (char *secret)
{
  secret_password_free (secret);
}

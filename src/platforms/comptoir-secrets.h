// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Tokens and API keys live in the system keyring (libsecret; inside
 * Flatpak, the Secret portal), and nowhere else. */

typedef enum
{
  COMPTOIR_SECRET_ACCESS_TOKEN,
  COMPTOIR_SECRET_REFRESH_TOKEN,
  COMPTOIR_SECRET_API_KEY,
} ComptoirSecretKind;

void      comptoir_secrets_store_async   (gint64               account_id,
                                          ComptoirSecretKind   kind,
                                          const char          *platform_name,
                                          const char          *secret,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  comptoir_secrets_store_finish  (GAsyncResult        *result,
                                          GError             **error);
void      comptoir_secrets_lookup_async  (gint64               account_id,
                                          ComptoirSecretKind   kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *comptoir_secrets_lookup_finish (GAsyncResult        *result,
                                          GError             **error);
void      comptoir_secrets_clear_async   (gint64               account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  comptoir_secrets_clear_finish  (GAsyncResult        *result,
                                          GError             **error);
void      comptoir_secrets_free          (char                *secret);

typedef char ComptoirSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirSecret, comptoir_secrets_free)

G_END_DECLS

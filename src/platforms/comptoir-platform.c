// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-platform"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-connector-private.h"
#include "comptoir-directory.h"
#include "comptoir-error.h"
#include "comptoir-marketplace.h"
#include "comptoir-platform.h"

G_DEFINE_INTERFACE (ComptoirPlatform, comptoir_platform, G_TYPE_OBJECT)

static void
comptoir_platform_default_init (ComptoirPlatformInterface *iface)
{
}

/* Boxed and plain result types */

ComptoirPlatformInfo *
comptoir_platform_info_copy (const ComptoirPlatformInfo *info)
{
  ComptoirPlatformInfo *copy = g_new0 (ComptoirPlatformInfo, 1);

  copy->base_url = g_strdup (info->base_url);
  copy->name = g_strdup (info->name);
  copy->kind = g_strdup (info->kind);
  copy->api_version = g_strdup (info->api_version);
  copy->currency = g_strdup (info->currency);
  copy->commission_rate = info->commission_rate;
  copy->terms_url = g_strdup (info->terms_url);
  return copy;
}

void
comptoir_platform_info_free (ComptoirPlatformInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->base_url);
  g_free (info->name);
  g_free (info->kind);
  g_free (info->api_version);
  g_free (info->currency);
  g_free (info->terms_url);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (ComptoirPlatformInfo, comptoir_platform_info,
                     comptoir_platform_info_copy, comptoir_platform_info_free)

void
comptoir_remote_object_free (ComptoirRemoteObject *object)
{
  if (object == NULL)
    return;
  g_free (object->id);
  g_free (object->url);
  g_free (object);
}

void
comptoir_page_free (ComptoirPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->remote, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page->max_updated_at);
  g_free (page);
}

void
comptoir_moderation_free (ComptoirModeration *moderation)
{
  if (moderation == NULL)
    return;
  g_free (moderation->state);
  g_free (moderation->reason);
  g_free (moderation);
}

/* Discovery */

static char *
normalise_url (const char *typed)
{
  g_autofree char *url = g_strstrip (g_strdup (typed ? typed : ""));
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (len > 0 && strstr (url, "://") == NULL)
    return g_strconcat ("https://", url, NULL);
  return g_steal_pointer (&url);
}

static gboolean
parse_info (JsonObject            *object,
            ComptoirPlatformInfo  *info,
            GError               **error)
{
  static const char * const kinds[] = { "marketplace", "directory", NULL };
  static const char * const currencies[] = { "EUR", NULL };
  const char *name, *kind, *api_version, *currency, *terms_url;
  gint64 commission = -1;
  gboolean has_commission;

  if (!comptoir_json_get_string (object, "name", COMPTOIR_JSON_REQUIRED, 120, &name, error)
      || !comptoir_json_get_enum (object, "kind", COMPTOIR_JSON_REQUIRED, kinds, &kind, error)
      || !comptoir_json_get_string (object, "api_version", COMPTOIR_JSON_REQUIRED, 16, &api_version, error)
      || !comptoir_json_get_enum (object, "currency", COMPTOIR_JSON_REQUIRED, currencies, &currency, error)
      || !comptoir_json_get_string (object, "terms_url", COMPTOIR_JSON_REQUIRED, 2000, &terms_url, error))
    return FALSE;
  has_commission = json_object_has_member (object, "commission_rate");
  if (!comptoir_json_get_int (object, "commission_rate", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE,
                              0, 10000, &commission, error))
    return FALSE;
  if (*g_strstrip ((char *) name) == '\0')
    {
      comptoir_json_set_protocol_error (error, "name");
      return FALSE;
    }
  if (!g_str_has_prefix (api_version, "1."))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
                           _("This platform uses a newer version of the Comptoir connection. "
                             "Update Comptoir, then try again."));
      return FALSE;
    }
  /* The terms link is opened in a browser: https only, like the platform. */
  if (!comptoir_http_check_url (terms_url, NULL))
    {
      comptoir_json_set_protocol_error (error, "terms_url");
      return FALSE;
    }

  info->name = g_strdup (name);
  info->kind = g_strdup (kind);
  info->api_version = g_strdup (api_version);
  info->currency = g_strdup (currency);
  info->terms_url = g_strdup (terms_url);
  info->commission_rate = has_commission ? (int) commission : -1;
  if (g_str_equal (kind, "directory"))
    info->commission_rate = -1;
  return TRUE;
}

static void
discover_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ComptoirPlatformInfo) info = g_new0 (ComptoirPlatformInfo, 1);
  JsonObject *object;

  response = comptoir_http_client_send_finish (COMPTOIR_HTTP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND)
          || g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH))
        g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                                 _("No Comptoir platform answers at this address. Check the "
                                   "address the platform gave you."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((object = comptoir_connector_response_object (response, &root, &error)) == NULL
      || !parse_info (object, info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  info->base_url = g_strdup (g_task_get_task_data (task));
  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) comptoir_platform_info_free);
}

/**
 * comptoir_platform_discover_async:
 * @url: the address the merchant typed (https:// is assumed when missing)
 *
 * Reads `/.well-known/comptoir-platform` under @url: the platform's name,
 * kind, commission and terms, shown before signing in.
 */
void
comptoir_platform_discover_async (const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *base_url = normalise_url (url);
  g_autofree char *well_known = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirHttpRequest request = { .method = "GET" };

  g_task_set_source_tag (task, comptoir_platform_discover_async);
  if (*base_url == '\0')
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("Type the platform’s address."));
      g_object_unref (task);
      return;
    }
  if (!comptoir_http_check_url (base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  well_known = g_strconcat (base_url, "/.well-known/comptoir-platform", NULL);
  g_task_set_task_data (task, g_steal_pointer (&base_url), g_free);
  request.url = well_known;
  comptoir_http_client_send_async (comptoir_http_client_get_default (), &request, cancellable,
                                   discover_cb, task);
}

ComptoirPlatformInfo *
comptoir_platform_discover_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * comptoir_platform_new_for_account:
 * @store: (nullable): where to record that the account must sign in again
 * @account: the account
 *
 * Returns: (transfer full): the connector that speaks the account's API.
 */
ComptoirPlatform *
comptoir_platform_new_for_account (ComptoirStore   *store,
                                   ComptoirAccount *account)
{
  GType type;

  g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (account), NULL);

  if (g_str_equal (comptoir_account_get_kind (account), "directory"))
    type = COMPTOIR_TYPE_DIRECTORY;
  else
    type = COMPTOIR_TYPE_MARKETPLACE;
  return g_object_new (type,
                       "base-url", comptoir_account_get_base_url (account),
                       "platform-name", comptoir_account_get_platform_name (account),
                       "store", store,
                       "account-id", comptoir_account_get_id (account),
                       NULL);
}

gint64
comptoir_platform_get_account_id (ComptoirPlatform *self)
{
  g_return_val_if_fail (COMPTOIR_IS_CONNECTOR (self), 0);
  return comptoir_connector_get_account_id (COMPTOIR_CONNECTOR (self));
}

const char *
comptoir_platform_get_base_url (ComptoirPlatform *self)
{
  g_return_val_if_fail (COMPTOIR_IS_CONNECTOR (self), NULL);
  return comptoir_connector_get_base_url (COMPTOIR_CONNECTOR (self));
}

/**
 * comptoir_platform_set_page_size:
 * @page_size: items per page of lists, 1 to 200 (100 by default)
 */
void
comptoir_platform_set_page_size (ComptoirPlatform *self,
                                 guint             page_size)
{
  g_return_if_fail (COMPTOIR_IS_CONNECTOR (self));
  comptoir_connector_set_page_size (COMPTOIR_CONNECTOR (self), page_size);
}

/* Connecting an account */

typedef struct
{
  ComptoirStore    *store;
  ComptoirAccount  *account;
  ComptoirPlatform *platform;
  gboolean          created;
  gboolean          remove;
} AccountData;

static void
account_data_free (AccountData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->account);
  g_clear_object (&data->platform);
  g_free (data);
}

static void
connect_sign_in_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AccountData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!comptoir_platform_finish_boolean (COMPTOIR_PLATFORM (source), result, &error)
      || !comptoir_account_update_signed_in (data->store, comptoir_account_get_id (data->account),
                                             TRUE, &error))
    {
      /* A failed first connection leaves no account behind. */
      if (data->created)
        comptoir_account_delete (data->store, comptoir_account_get_id (data->account), NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_account_set_signed_in (data->account, TRUE);
  g_task_return_pointer (task, g_object_ref (data->account), g_object_unref);
}

/**
 * comptoir_platform_connect_async:
 * @store: the store
 * @info: what comptoir_platform_discover_finish() returned
 * @login: the e-mail address (marketplace), ignored for a directory
 * @secret: the password (marketplace) or the API key (directory); not kept
 *
 * Signs in, keeps the credential in the keyring and records the account.
 * When anything fails, nothing is left behind.
 */
void
comptoir_platform_connect_async (ComptoirStore              *store,
                                 const ComptoirPlatformInfo *info,
                                 const char                 *login,
                                 const char                 *secret,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  AccountData *data = g_new0 (AccountData, 1);
  g_autoptr(GError) error = NULL;
  gboolean directory = g_str_equal (info->kind, "directory");
  g_autofree char *clean_login = g_strstrip (g_strdup (login ? login : ""));

  g_task_set_source_tag (task, comptoir_platform_connect_async);
  g_task_set_task_data (task, data, (GDestroyNotify) account_data_free);
  data->store = g_object_ref (store);
  data->account = comptoir_account_new ();
  comptoir_account_set_kind (data->account, info->kind);
  comptoir_account_set_base_url (data->account, info->base_url);
  comptoir_account_set_platform_name (data->account, info->name);
  comptoir_account_set_login (data->account, directory ? "" : clean_login);
  comptoir_account_set_commission_rate (data->account, info->commission_rate);

  if (!directory && strchr (clean_login, '@') == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("Type the e-mail address you use on this platform."));
      g_object_unref (task);
      return;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               directory ? _("Type the access key the association gave you.")
                                         : _("Type your password."));
      g_object_unref (task);
      return;
    }
  if (!comptoir_account_save (store, data->account, &data->created, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->platform = comptoir_platform_new_for_account (store, data->account);
  comptoir_platform_sign_in_async (data->platform, comptoir_account_get_login (data->account), secret,
                                   cancellable, connect_sign_in_cb, task);
}

ComptoirAccount *
comptoir_platform_connect_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sign_out_clear_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AccountData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 id = comptoir_account_get_id (data->account);

  /* If the secret cannot be deleted, the account stays so that it can be
   * retried: never an orphan secret in the keyring. */
  if (!comptoir_secrets_clear_finish (result, &error)
      || !(data->remove ? comptoir_account_delete (data->store, id, &error)
                        : comptoir_account_update_signed_in (data->store, id, FALSE, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_account_set_signed_in (data->account, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
sign_out_remote_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AccountData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Offline, the token cannot be revoked on the platform; it is deleted
   * here all the same: signing out always works. */
  if (!comptoir_platform_finish_boolean (COMPTOIR_PLATFORM (source), result, &error))
    g_debug ("Remote sign-out failed: %s", error->message);
  comptoir_secrets_clear_async (comptoir_account_get_id (data->account), g_task_get_cancellable (task),
                                sign_out_clear_cb, g_object_ref (task));
}

/**
 * comptoir_platform_sign_out_account_async:
 * @remove: also forget the account
 *
 * Revokes the credential on the platform when possible, deletes it from
 * the keyring, and records the account as signed out (or removes it).
 */
void
comptoir_platform_sign_out_account_async (ComptoirStore       *store,
                                          ComptoirAccount     *account,
                                          gboolean             remove,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  AccountData *data = g_new0 (AccountData, 1);

  g_task_set_source_tag (task, comptoir_platform_sign_out_account_async);
  g_task_set_task_data (task, data, (GDestroyNotify) account_data_free);
  data->store = g_object_ref (store);
  data->account = g_object_ref (account);
  data->remove = remove;
  data->platform = comptoir_platform_new_for_account (NULL, account);
  comptoir_platform_sign_out_async (data->platform, cancellable, sign_out_remote_cb, task);
}

gboolean
comptoir_platform_sign_out_account_finish (GAsyncResult  *result,
                                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Operations: each wrapper makes the task, and the connector completes
 * it — or the platform does not offer the operation. */

static GTask *
start (ComptoirPlatform    *self,
       gpointer             vfunc,
       gpointer             tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  if (vfunc == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_SUPPORTED,
                               _("This platform does not offer this."));
      g_object_unref (task);
      return NULL;
    }
  return task;
}

#define IFACE(self) COMPTOIR_PLATFORM_GET_IFACE (self)

void
comptoir_platform_sign_in_async (ComptoirPlatform    *self,
                                 const char          *login,
                                 const char          *secret,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->sign_in, comptoir_platform_sign_in_async, cancellable, callback, user_data)))
    IFACE (self)->sign_in (self, login, secret, task);
}

void
comptoir_platform_sign_out_async (ComptoirPlatform    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->sign_out, comptoir_platform_sign_out_async, cancellable, callback, user_data)))
    IFACE (self)->sign_out (self, task);
}

/**
 * comptoir_platform_push_shop_async:
 * @shop: the shop profile (comptoir_shop_load())
 * @media_base_url: (nullable): where the logo and cover are published
 *   (see comptoir_shop_to_json_ld())
 *
 * Publishes the shop profile: a directory gets comptoir_shop_to_json_ld()
 * exactly; a marketplace the same facts in its own shape. Finish with
 * comptoir_platform_finish_remote().
 */
void
comptoir_platform_push_shop_async (ComptoirPlatform       *self,
                                   ComptoirShop           *shop,
                                   const char             *media_base_url,
                                   const ComptoirMutation *mutation,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (COMPTOIR_IS_SHOP (shop));
  if ((task = start (self, IFACE (self)->push_shop, comptoir_platform_push_shop_async, cancellable, callback, user_data)))
    IFACE (self)->push_shop (self, shop, media_base_url, mutation, task);
}

void
comptoir_platform_upload_media_async (ComptoirPlatform       *self,
                                      GBytes                 *bytes,
                                      const char             *content_type,
                                      const ComptoirMutation *mutation,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (bytes != NULL && content_type != NULL);
  if ((task = start (self, IFACE (self)->upload_media, comptoir_platform_upload_media_async, cancellable, callback, user_data)))
    IFACE (self)->upload_media (self, bytes, content_type, mutation, task);
}

/**
 * comptoir_platform_create_product_async:
 * @media: (nullable): what comptoir_platform_upload_media_async() returned
 *   for the photos, in order: the remote id for a marketplace, the URL for a
 *   directory (the caller passes what the account's platform gave)
 */
void
comptoir_platform_create_product_async (ComptoirPlatform       *self,
                                        ComptoirProduct        *product,
                                        const char * const     *media,
                                        const ComptoirMutation *mutation,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (COMPTOIR_IS_PRODUCT (product));
  if ((task = start (self, IFACE (self)->create_product, comptoir_platform_create_product_async, cancellable, callback, user_data)))
    IFACE (self)->create_product (self, product, media, mutation, task);
}

void
comptoir_platform_update_product_async (ComptoirPlatform       *self,
                                        const char             *remote_id,
                                        ComptoirProduct        *product,
                                        const char * const     *media,
                                        const ComptoirMutation *mutation,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (remote_id != NULL && COMPTOIR_IS_PRODUCT (product));
  if ((task = start (self, IFACE (self)->update_product, comptoir_platform_update_product_async, cancellable, callback, user_data)))
    IFACE (self)->update_product (self, remote_id, product, media, mutation, task);
}

void
comptoir_platform_delete_product_async (ComptoirPlatform       *self,
                                        const char             *remote_id,
                                        const ComptoirMutation *mutation,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (remote_id != NULL);
  if ((task = start (self, IFACE (self)->delete_product, comptoir_platform_delete_product_async, cancellable, callback, user_data)))
    IFACE (self)->delete_product (self, remote_id, mutation, task);
}

void
comptoir_platform_list_products_async (ComptoirPlatform    *self,
                                       const char          *cursor,
                                       const char          *updated_since,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->list_products, comptoir_platform_list_products_async, cancellable, callback, user_data)))
    IFACE (self)->list_products (self, cursor, updated_since, task);
}

void
comptoir_platform_list_orders_async (ComptoirPlatform    *self,
                                     const char          *cursor,
                                     const char          *updated_since,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->list_orders, comptoir_platform_list_orders_async, cancellable, callback, user_data)))
    IFACE (self)->list_orders (self, cursor, updated_since, task);
}

/**
 * comptoir_platform_transition_order_async:
 * @action: "accept", "ready", "complete" or "reject"
 * @reason: (nullable): with "reject", shown to the customer
 *
 * Finish with comptoir_platform_finish_order().
 */
void
comptoir_platform_transition_order_async (ComptoirPlatform       *self,
                                          const char             *remote_id,
                                          const char             *action,
                                          const char             *reason,
                                          const ComptoirMutation *mutation,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (remote_id != NULL);
  g_return_if_fail (g_strcmp0 (action, "accept") == 0 || g_strcmp0 (action, "ready") == 0
                    || g_strcmp0 (action, "complete") == 0 || g_strcmp0 (action, "reject") == 0);
  if ((task = start (self, IFACE (self)->transition_order, comptoir_platform_transition_order_async, cancellable, callback, user_data)))
    IFACE (self)->transition_order (self, remote_id, action, reason, mutation, task);
}

void
comptoir_platform_refund_order_async (ComptoirPlatform       *self,
                                      const char             *remote_id,
                                      const char * const     *line_ids,
                                      const guint            *quantities,
                                      const char             *reason,
                                      const ComptoirMutation *mutation,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  g_return_if_fail (remote_id != NULL && line_ids != NULL && quantities != NULL);
  if ((task = start (self, IFACE (self)->refund_order, comptoir_platform_refund_order_async, cancellable, callback, user_data)))
    IFACE (self)->refund_order (self, remote_id, line_ids, quantities, reason, mutation, task);
}

void
comptoir_platform_list_payouts_async (ComptoirPlatform    *self,
                                      const char          *cursor,
                                      const char          *updated_since,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->list_payouts, comptoir_platform_list_payouts_async, cancellable, callback, user_data)))
    IFACE (self)->list_payouts (self, cursor, updated_since, task);
}

void
comptoir_platform_get_moderation_async (ComptoirPlatform    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COMPTOIR_IS_PLATFORM (self));
  if ((task = start (self, IFACE (self)->get_moderation, comptoir_platform_get_moderation_async, cancellable, callback, user_data)))
    IFACE (self)->get_moderation (self, task);
}

gboolean
comptoir_platform_finish_boolean (ComptoirPlatform  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Every operation but sign in and out returns a pointer. */
static gpointer
finish_pointer (ComptoirPlatform  *self,
                GAsyncResult      *result,
                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

ComptoirRemoteObject *
comptoir_platform_finish_remote (ComptoirPlatform  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  return finish_pointer (self, result, error);
}

ComptoirPage *
comptoir_platform_finish_page (ComptoirPlatform  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  return finish_pointer (self, result, error);
}

ComptoirOrder *
comptoir_platform_finish_order (ComptoirPlatform  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return finish_pointer (self, result, error);
}

ComptoirModeration *
comptoir_platform_finish_moderation (ComptoirPlatform  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return finish_pointer (self, result, error);
}

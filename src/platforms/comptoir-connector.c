// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-connector"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-connector-private.h"
#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-product-store.h"

typedef struct
{
  char          *base_url;
  char          *platform_name;
  ComptoirStore *store;
  gint64         account_id;
  char          *credential;
  guint          page_size;
} ComptoirConnectorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ComptoirConnector, comptoir_connector, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PLATFORM_NAME,
  PROP_STORE,
  PROP_ACCOUNT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
comptoir_connector_finalize (GObject *object)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (COMPTOIR_CONNECTOR (object));

  wipe_string (&priv->credential);
  g_free (priv->base_url);
  g_free (priv->platform_name);
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (comptoir_connector_parent_class)->finalize (object);
}

static void
comptoir_connector_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (COMPTOIR_CONNECTOR (object));

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, priv->base_url);
      break;
    case PROP_PLATFORM_NAME:
      g_value_set_string (value, priv->platform_name);
      break;
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, priv->account_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_connector_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (COMPTOIR_CONNECTOR (object));

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        g_autofree char *url = g_value_dup_string (value);
        gsize len = url ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          url[--len] = '\0';
        priv->base_url = g_steal_pointer (&url);
      }
      break;
    case PROP_PLATFORM_NAME:
      priv->platform_name = g_value_dup_string (value);
      break;
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_ID:
      priv->account_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_connector_class_init (ComptoirConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_connector_finalize;
  object_class->get_property = comptoir_connector_get_property;
  object_class->set_property = comptoir_connector_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM_NAME] =
    g_param_spec_string ("platform-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COMPTOIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_connector_init (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);

  priv->page_size = 100;
}

void
comptoir_connector_set_page_size (ComptoirConnector *self,
                                  guint              page_size)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);

  priv->page_size = CLAMP (page_size, 1, 200);
}

const char *
comptoir_connector_get_base_url (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  return priv->base_url;
}

const char *
comptoir_connector_get_platform_name (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  return priv->platform_name ? priv->platform_name : priv->base_url;
}

gint64
comptoir_connector_get_account_id (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  return priv->account_id;
}

void
comptoir_connector_set_account_id (ComptoirConnector *self,
                                   gint64             id)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  priv->account_id = id;
}

ComptoirStore *
comptoir_connector_get_store (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  return priv->store;
}

void
comptoir_connector_set_credential (ComptoirConnector *self,
                                   const char        *credential)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);

  wipe_string (&priv->credential);
  priv->credential = g_strdup (credential);
}

/* Ids come from the platform: escaped so that they stay one path segment. */
char *
comptoir_connector_url (ComptoirConnector *self,
                        const char        *path,
                        const char        *id,
                        const char        *suffix)
{
  g_autofree char *escaped = id ? g_uri_escape_string (id, NULL, FALSE) : NULL;

  return g_strconcat (comptoir_connector_get_base_url (self), path,
                      escaped ? "/" : "", escaped ? escaped : "",
                      suffix ? suffix : "", NULL);
}

char *
comptoir_connector_list_url (ComptoirConnector *self,
                             const char        *path,
                             const char        *cursor,
                             const char        *updated_since)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  GString *url = g_string_new (comptoir_connector_get_base_url (self));

  g_string_append (url, path);
  g_string_append_printf (url, "?limit=%u", priv->page_size);
  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_string_append_printf (url, "&cursor=%s", escaped);
    }
  if (updated_since != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (updated_since, NULL, FALSE);
      g_string_append_printf (url, "&updated_since=%s", escaped);
    }
  return g_string_free (url, FALSE);
}

JsonObject *
comptoir_connector_response_object (ComptoirHttpResponse  *response,
                                    JsonNode             **root,
                                    GError               **error)
{
  *root = comptoir_http_response_get_json (response, error);
  if (*root == NULL)
    return NULL;
  return comptoir_json_root_object (*root, error);
}

GBytes *
comptoir_json_object_to_bytes (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return comptoir_json_to_bytes (node);
}

static void
clear_secrets_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!comptoir_secrets_clear_finish (result, &error))
    g_debug ("Could not delete a refused credential: %s", error->message);
}

/**
 * comptoir_connector_mark_signed_out:
 *
 * The platform refused our credential for good: forget it, and record
 * that the merchant must sign in again.
 */
void
comptoir_connector_mark_signed_out (ComptoirConnector *self)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  comptoir_connector_set_credential (self, NULL);
  if (priv->account_id == 0)
    return;
  if (priv->store != NULL
      && !comptoir_account_update_signed_in (priv->store, priv->account_id, FALSE, &error))
    g_debug ("Could not record the sign-out: %s", error->message);
  comptoir_secrets_clear_async (priv->account_id, NULL, clear_secrets_cb, NULL);
}

/* Authenticated requests */

typedef struct
{
  char     *method;
  char     *url;
  char     *idempotency_key;
  char     *content_type;
  GBytes   *body;
  gint64    if_match;
  gboolean  authenticated;
  gboolean  refreshed;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->url);
  g_free (data->idempotency_key);
  g_free (data->content_type);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

static void do_send (GTask *task);
static void refresh_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static GError *
needs_sign_in_error (void)
{
  GError *error = g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH,
                                       _("The platform has closed your session. Sign in again."));
  comptoir_error_set_http_details (error, 401, "token-invalid", 0, 0, NULL);
  return error;
}

static void
start_refresh (GTask *task)
{
  ComptoirConnector *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->refreshed = TRUE;
  COMPTOIR_CONNECTOR_GET_CLASS (self)->refresh_async (self, g_task_get_cancellable (task), refresh_cb, task);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  g_autoptr(GError) error = NULL;

  if (!COMPTOIR_CONNECTOR_GET_CLASS (self)->refresh_finish (self, result, &error))
    {
      if (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH))
        {
          comptoir_connector_mark_signed_out (self);
          g_task_return_error (task, needs_sign_in_error ());
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  do_send (g_object_ref (task));
}

static void
http_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ComptoirHttpResponse *response;

  response = comptoir_http_client_send_finish (COMPTOIR_HTTP_CLIENT (source), result, &error);
  if (response != NULL)
    {
      g_task_return_pointer (task, response, (GDestroyNotify) comptoir_http_response_free);
      return;
    }
  if (data->authenticated && g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH)
      && comptoir_error_get_http_status (error) == 401)
    {
      /* An expired access token is renewed without asking, once. */
      if (COMPTOIR_CONNECTOR_GET_CLASS (self)->refresh_async != NULL && !data->refreshed)
        {
          comptoir_connector_set_credential (self, NULL);
          start_refresh (g_object_ref (task));
          return;
        }
      comptoir_connector_mark_signed_out (self);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
do_send (GTask *task)
{
  ComptoirConnector *self = g_task_get_source_object (task);
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  CallData *data = g_task_get_task_data (task);
  ComptoirHttpRequest request = {
    .method = data->method,
    .url = data->url,
    .bearer = data->authenticated ? priv->credential : NULL,
    .idempotency_key = data->idempotency_key,
    .if_match = data->if_match,
    .content_type = data->content_type,
    .body = data->body,
  };

  comptoir_http_client_send_async (comptoir_http_client_get_default (), &request,
                                   g_task_get_cancellable (task), http_cb, task);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirSecret) secret = comptoir_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      if (COMPTOIR_CONNECTOR_GET_CLASS (self)->refresh_async != NULL)
        start_refresh (g_object_ref (task));
      else
        {
          comptoir_connector_mark_signed_out (self);
          g_task_return_error (task, needs_sign_in_error ());
        }
      return;
    }
  comptoir_connector_set_credential (self, secret);
  do_send (g_object_ref (task));
}

/**
 * comptoir_connector_send_async:
 * @authenticated: send the credential, read from the keyring when needed
 *
 * Sends @request; when the platform says the access token expired, gets a
 * new one and sends again, once; when it refuses the credential for good,
 * marks the account as needing a new sign-in.
 */
void
comptoir_connector_send_async (ComptoirConnector         *self,
                               const ComptoirHttpRequest *request,
                               gboolean                   authenticated,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  ComptoirConnectorPrivate *priv = comptoir_connector_get_instance_private (self);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, comptoir_connector_send_async);
  data->method = g_strdup (request->method);
  data->url = g_strdup (request->url);
  data->idempotency_key = g_strdup (request->idempotency_key);
  data->content_type = g_strdup (request->content_type);
  data->body = request->body ? g_bytes_ref (request->body) : NULL;
  data->if_match = request->if_match;
  data->authenticated = authenticated;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (!authenticated || priv->credential != NULL)
    do_send (task);
  else if (priv->account_id == 0)
    {
      g_task_return_error (task, needs_sign_in_error ());
      g_object_unref (task);
    }
  else
    comptoir_secrets_lookup_async (priv->account_id,
                                   COMPTOIR_CONNECTOR_GET_CLASS (self)->credential_kind,
                                   cancellable, lookup_cb, task);
}

ComptoirHttpResponse *
comptoir_connector_send_finish (ComptoirConnector  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Storing several secrets, one after the other */

typedef struct
{
  GStrv               secrets;
  ComptoirSecretKind *kinds;
  guint               next;
} StoreData;

static void
store_data_free (StoreData *data)
{
  for (guint i = 0; data->secrets && data->secrets[i]; i++)
    memset (data->secrets[i], 0, strlen (data->secrets[i]));
  g_strfreev (data->secrets);
  g_free (data->kinds);
  g_free (data);
}

static void store_next (GTask *task);

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!comptoir_secrets_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store_next (g_object_ref (task));
}

static void
store_next (GTask *task)
{
  ComptoirConnector *self = g_task_get_source_object (task);
  StoreData *data = g_task_get_task_data (task);
  guint i = data->next++;

  if (data->secrets[i] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  comptoir_secrets_store_async (comptoir_connector_get_account_id (self), data->kinds[i],
                                comptoir_connector_get_platform_name (self), data->secrets[i],
                                g_task_get_cancellable (task), store_cb, task);
}

void
comptoir_connector_store_secrets_async (ComptoirConnector        *self,
                                        const char * const       *secrets,
                                        const ComptoirSecretKind *kinds,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StoreData *data = g_new0 (StoreData, 1);
  guint n = g_strv_length ((char **) secrets);

  data->secrets = g_strdupv ((char **) secrets);
  data->kinds = g_memdup2 (kinds, sizeof (ComptoirSecretKind) * n);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  store_next (task);
}

gboolean
comptoir_connector_store_secrets_finish (ComptoirConnector  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Generic calls */

typedef struct
{
  ComptoirParseFunc parse;
  GDestroyNotify    free_result;
} ParseData;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  ParseData *parse = g_object_get_data (G_OBJECT (task), "comptoir-parse");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (self, result, &error);
  gpointer value;

  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (parse->parse == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  value = parse->parse (self, response, &error);
  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, parse->free_result);
}

void
comptoir_connector_call_raw (ComptoirConnector      *self,
                             const char             *method,
                             const char             *url,
                             GBytes                 *body,
                             const char             *content_type,
                             const ComptoirMutation *mutation,
                             ComptoirParseFunc       parse,
                             GDestroyNotify          free_result,
                             GTask                  *task)
{
  ParseData *data = g_new0 (ParseData, 1);
  ComptoirHttpRequest request = {
    .method = method,
    .url = url,
    .idempotency_key = mutation ? mutation->idempotency_key : NULL,
    .if_match = mutation ? mutation->if_match : 0,
    .content_type = content_type,
    .body = body,
  };

  data->parse = parse;
  data->free_result = free_result;
  g_object_set_data_full (G_OBJECT (task), "comptoir-parse", data, g_free);
  comptoir_connector_send_async (self, &request, TRUE, g_task_get_cancellable (task), call_cb, task);
}

void
comptoir_connector_call (ComptoirConnector      *self,
                         const char             *method,
                         const char             *url,
                         JsonObject             *json_body,
                         const char             *json_type,
                         const ComptoirMutation *mutation,
                         ComptoirParseFunc       parse,
                         GDestroyNotify          free_result,
                         GTask                  *task)
{
  g_autoptr(GBytes) body = json_body ? comptoir_json_object_to_bytes (json_body) : NULL;

  comptoir_connector_call_raw (self, method, url, body, json_body ? (json_type ? json_type : "application/json") : NULL,
                               mutation, parse, free_result, task);
}

/* Pictures: the web image of each (content hash), uploaded in order.
 *
 * Neither platform can be asked whether it already holds an image, so each
 * upload carries an idempotency key made from the bytes' SHA-256: sending
 * the same image again (another product, the next push of the shop) gets
 * the platform's stored answer, the same media, instead of a copy. */

typedef struct
{
  GStrv      hashes;
  guint      next;
  GPtrArray *media;
  char      *key;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_strfreev (data->hashes);
  g_ptr_array_unref (data->media);
  g_free (data->key);
  g_free (data);
}

static void upload_next (GTask *task);

static void
upload_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (COMPTOIR_CONNECTOR (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = response ? comptoir_connector_response_object (response, &root, &error) : NULL;
  ComptoirRemoteObject *media;
  const char *id, *url;

  if (object == NULL
      || !comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, 64, &id, &error)
      || !comptoir_json_get_string (object, "url", COMPTOIR_JSON_REQUIRED, 2000, &url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  media = g_new0 (ComptoirRemoteObject, 1);
  media->id = g_strdup (id);
  media->url = g_strdup (url);
  media->replayed = response->replayed;
  g_ptr_array_add (data->media, media);
  upload_next (g_steal_pointer (&task));
}

static void
upload_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *url = NULL;
  g_autofree char *digest = NULL;
  ComptoirHttpRequest request = { 0 };
  GCancellable *cancellable;

  if (bytes == NULL)
    {
      g_debug ("Could not read a picture: %s", error->message);
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                               _("A picture to publish is missing from this computer. "
                                 "Choose it again, then publish again."));
      return;
    }
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_free (data->key);
  data->key = g_strconcat ("comptoir-media-", digest, NULL);
  url = comptoir_connector_url (self, "/media", NULL, NULL);
  request.method = "POST";
  request.url = url;
  request.idempotency_key = data->key;
  request.content_type = "image/jpeg";
  request.body = bytes;
  cancellable = g_task_get_cancellable (task);
  comptoir_connector_send_async (self, &request, TRUE, cancellable, upload_sent_cb, g_steal_pointer (&task));
}

static void
upload_next (GTask *task)
{
  UploadData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (data->hashes == NULL || data->hashes[data->next] == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->media), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  path = comptoir_media_get_path (data->hashes[data->next++], COMPTOIR_MEDIA_WEB);
  if (path == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                               _("A picture to publish is missing from this computer. "
                                 "Choose it again, then publish again."));
      g_object_unref (task);
      return;
    }
  file = g_file_new_for_path (path);
  g_file_load_bytes_async (file, g_task_get_cancellable (task), upload_loaded_cb, task);
}

/**
 * comptoir_connector_upload_pictures_async:
 * @hashes: (nullable): content hashes of imported photos, in order
 *
 * Uploads the web image of each (comptoir_media_get_path()) through the
 * platform's `POST /media`. The result is a #GPtrArray of
 * #ComptoirRemoteObject (id and URL), in the order of @hashes.
 */
void
comptoir_connector_upload_pictures_async (ComptoirConnector   *self,
                                          const char * const  *hashes,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  UploadData *data = g_new0 (UploadData, 1);

  g_task_set_source_tag (task, comptoir_connector_upload_pictures_async);
  data->hashes = g_strdupv ((char **) hashes);
  data->media = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_remote_object_free);
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);
  upload_next (task);
}

GPtrArray *
comptoir_connector_upload_pictures_finish (ComptoirConnector  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * comptoir_connector_product_details:
 * @product: what the caller passed
 * @hashes: (out) (transfer full): the product's photos, in order
 *
 * The product as the platform must see it: when it is a stored product
 * whose options and variants were not loaded (an item of a list), it is
 * loaded again, so that a push never erases its variants.
 *
 * Returns: (transfer full): @product or the loaded product, %NULL on error
 */
ComptoirProduct *
comptoir_connector_product_details (ComptoirConnector  *self,
                                    ComptoirProduct    *product,
                                    GStrv              *hashes,
                                    GError            **error)
{
  ComptoirStore *store = comptoir_connector_get_store (self);
  gint64 id = comptoir_product_get_id (product);

  *hashes = NULL;
  if (store == NULL || id <= 0)
    return g_object_ref (product);
  if ((*hashes = comptoir_product_photos_get (store, id, error)) == NULL)
    return NULL;
  if (comptoir_product_get_details_loaded (product))
    return g_object_ref (product);
  return comptoir_product_load (store, id, error);
}

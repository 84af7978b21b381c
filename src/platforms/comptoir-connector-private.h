// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* What both connectors share: the platform's address, the account, the
 * credential (cached in memory, kept in the keyring) and authenticated
 * requests that refresh or give up on a refused credential. Only the
 * connectors include this. */

#include "comptoir-http-client.h"
#include "comptoir-json.h"
#include "comptoir-platform.h"
#include "comptoir-secrets.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_CONNECTOR (comptoir_connector_get_type ())
G_DECLARE_DERIVABLE_TYPE (ComptoirConnector, comptoir_connector, COMPTOIR, CONNECTOR, GObject)

struct _ComptoirConnectorClass
{
  GObjectClass parent_class;

  /* The secret sent as bearer. */
  ComptoirSecretKind credential_kind;

  /* Optional: get a new credential (stored in the keyring and in memory)
   * after the platform refused the current one; return a
   * COMPTOIR_ERROR_AUTH error when the platform refuses that too. */
  void     (*refresh_async)  (ComptoirConnector *self, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
  gboolean (*refresh_finish) (ComptoirConnector *self, GAsyncResult *result, GError **error);
};

const char    *comptoir_connector_get_base_url     (ComptoirConnector   *self);
gint64         comptoir_connector_get_account_id   (ComptoirConnector   *self);
void           comptoir_connector_set_account_id   (ComptoirConnector   *self,
                                                    gint64               id);
const char    *comptoir_connector_get_platform_name (ComptoirConnector  *self);
ComptoirStore *comptoir_connector_get_store        (ComptoirConnector   *self);
void           comptoir_connector_set_page_size    (ComptoirConnector   *self,
                                                    guint                page_size);
void           comptoir_connector_set_credential   (ComptoirConnector   *self,
                                                    const char          *credential);
char          *comptoir_connector_url              (ComptoirConnector   *self,
                                                    const char          *path,
                                                    const char          *id,
                                                    const char          *suffix);
char          *comptoir_connector_list_url         (ComptoirConnector   *self,
                                                    const char          *path,
                                                    const char          *cursor,
                                                    const char          *updated_since);
void           comptoir_connector_send_async       (ComptoirConnector          *self,
                                                    const ComptoirHttpRequest  *request,
                                                    gboolean                    authenticated,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
ComptoirHttpResponse *comptoir_connector_send_finish (ComptoirConnector        *self,
                                                    GAsyncResult               *result,
                                                    GError                    **error);
void           comptoir_connector_store_secrets_async (ComptoirConnector       *self,
                                                    const char * const         *secrets,
                                                    const ComptoirSecretKind   *kinds,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
gboolean       comptoir_connector_store_secrets_finish (ComptoirConnector      *self,
                                                    GAsyncResult               *result,
                                                    GError                    **error);
void           comptoir_connector_mark_signed_out  (ComptoirConnector   *self);

/* One request whose answer @parse turns into the task's result; with
 * @parse NULL the task returns TRUE. @task is consumed. */
typedef gpointer (*ComptoirParseFunc) (ComptoirConnector     *self,
                                       ComptoirHttpResponse  *response,
                                       GError               **error);

void           comptoir_connector_call             (ComptoirConnector      *self,
                                                    const char             *method,
                                                    const char             *url,
                                                    JsonObject             *json_body,
                                                    const char             *json_type,
                                                    const ComptoirMutation *mutation,
                                                    ComptoirParseFunc       parse,
                                                    GDestroyNotify          free_result,
                                                    GTask                  *task);
void           comptoir_connector_call_raw         (ComptoirConnector      *self,
                                                    const char             *method,
                                                    const char             *url,
                                                    GBytes                 *body,
                                                    const char             *content_type,
                                                    const ComptoirMutation *mutation,
                                                    ComptoirParseFunc       parse,
                                                    GDestroyNotify          free_result,
                                                    GTask                  *task);

/* Lists: one page of items, each with its platform fields and its last
 * change (see comptoir_connector_parse_page()). */
typedef GObject *(*ComptoirItemParser) (JsonObject  *object,
                                        GError     **error);
typedef ComptoirRemoteObject *(*ComptoirRemoteParser) (JsonObject            *object,
                                                       ComptoirHttpResponse  *response,
                                                       GError               **error);

ComptoirPage  *comptoir_connector_parse_page       (ComptoirHttpResponse   *response,
                                                    const char             *date_member,
                                                    ComptoirRemoteParser    parse_remote,
                                                    ComptoirItemParser      parse_item,
                                                    GError                **error);
void           comptoir_connector_list             (ComptoirConnector      *self,
                                                    const char             *path,
                                                    const char             *cursor,
                                                    const char             *updated_since,
                                                    ComptoirParseFunc       parse,
                                                    GTask                  *task);

/* Pictures and products with their details. */
void           comptoir_connector_upload_pictures_async  (ComptoirConnector   *self,
                                                    const char * const         *hashes,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
GPtrArray     *comptoir_connector_upload_pictures_finish (ComptoirConnector   *self,
                                                    GAsyncResult               *result,
                                                    GError                    **error);
ComptoirProduct *comptoir_connector_product_details (ComptoirConnector        *self,
                                                    ComptoirProduct            *product,
                                                    GStrv                      *hashes,
                                                    GError                    **error);

/* Helpers for the connectors' JSON. */
JsonObject    *comptoir_connector_response_object  (ComptoirHttpResponse *response,
                                                    JsonNode           **root,
                                                    GError             **error);
GBytes        *comptoir_json_object_to_bytes       (JsonObject          *object);

G_END_DECLS

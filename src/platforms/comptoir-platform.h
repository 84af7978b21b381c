// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "comptoir-account.h"
#include "comptoir-order.h"
#include "comptoir-payout.h"
#include "comptoir-product.h"
#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/**
 * ComptoirPlatformInfo:
 * @base_url: the address the merchant typed, normalised (no trailing slash)
 * @name: the platform's name, plain text (never markup)
 * @kind: "marketplace" or "directory"
 * @api_version: "MAJOR.MINOR"
 * @currency: always "EUR"
 * @commission_rate: commission in basis points (800 = 8 %), -1 when none
 * @terms_url: the platform's terms, an https (or loopback) address
 *
 * What `GET /.well-known/comptoir-platform` says, checked.
 */
typedef struct
{
  char *base_url;
  char *name;
  char *kind;
  char *api_version;
  char *currency;
  int   commission_rate;
  char *terms_url;
} ComptoirPlatformInfo;

GType                 comptoir_platform_info_get_type (void) G_GNUC_CONST;
ComptoirPlatformInfo *comptoir_platform_info_copy     (const ComptoirPlatformInfo *info);
void                  comptoir_platform_info_free     (ComptoirPlatformInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirPlatformInfo, comptoir_platform_info_free)

/**
 * ComptoirRemoteObject:
 * @id: the platform's id of the object
 * @version: its version (sent back in `If-Match`)
 * @url: (nullable): its public address (media)
 * @replayed: the platform had already applied this change (same
 *   idempotency key) and replayed its answer
 */
typedef struct
{
  char     *id;
  gint64    version;
  char     *url;
  gboolean  replayed;
} ComptoirRemoteObject;

void comptoir_remote_object_free (ComptoirRemoteObject *object);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirRemoteObject, comptoir_remote_object_free)

/**
 * ComptoirPage:
 * @items: #ComptoirOrder, #ComptoirPayout or #ComptoirProduct objects
 * @remote: a #ComptoirRemoteObject for each item, same order
 * @next_cursor: (nullable): pass it back for the next page; %NULL on the last
 * @max_updated_at: (nullable): the latest change seen, for `updated_since`
 */
typedef struct
{
  GPtrArray *items;
  GPtrArray *remote;
  char      *next_cursor;
  char      *max_updated_at;
} ComptoirPage;

void comptoir_page_free (ComptoirPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirPage, comptoir_page_free)

/**
 * ComptoirModeration:
 * @state: "pending", "published" or "rejected"
 * @reason: (nullable): a volunteer's reason, plain text to show as is
 * @listing_version: the listing version it concerns
 */
typedef struct
{
  char   *state;
  char   *reason;
  gint64  listing_version;
} ComptoirModeration;

void comptoir_moderation_free (ComptoirModeration *moderation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirModeration, comptoir_moderation_free)

/**
 * ComptoirMutation:
 * @idempotency_key: (nullable): kept by the outbox through every retry
 * @if_match: the version the change is based on, 0 for unconditional
 */
typedef struct
{
  const char *idempotency_key;
  gint64      if_match;
} ComptoirMutation;

#define COMPTOIR_TYPE_PLATFORM (comptoir_platform_get_type ())
G_DECLARE_INTERFACE (ComptoirPlatform, comptoir_platform, COMPTOIR, PLATFORM, GObject)

/* Every vfunc completes @task (a GTask whose source object is the
 * platform). A connector leaves NULL what its platform does not offer;
 * callers then get COMPTOIR_ERROR_NOT_SUPPORTED. */
struct _ComptoirPlatformInterface
{
  GTypeInterface parent_iface;

  void (*sign_in)          (ComptoirPlatform *self, const char *login, const char *secret, GTask *task);
  void (*sign_out)         (ComptoirPlatform *self, GTask *task);
  void (*push_shop)        (ComptoirPlatform *self, ComptoirShop *shop, const char *media_base_url, const ComptoirMutation *mutation, GTask *task);
  void (*upload_media)     (ComptoirPlatform *self, GBytes *bytes, const char *content_type, const ComptoirMutation *mutation, GTask *task);
  void (*create_product)   (ComptoirPlatform *self, ComptoirProduct *product, const char * const *media, const ComptoirMutation *mutation, GTask *task);
  void (*update_product)   (ComptoirPlatform *self, const char *remote_id, ComptoirProduct *product, const char * const *media, const ComptoirMutation *mutation, GTask *task);
  void (*delete_product)   (ComptoirPlatform *self, const char *remote_id, const ComptoirMutation *mutation, GTask *task);
  void (*list_products)    (ComptoirPlatform *self, const char *cursor, const char *updated_since, GTask *task);
  void (*list_orders)      (ComptoirPlatform *self, const char *cursor, const char *updated_since, GTask *task);
  void (*transition_order) (ComptoirPlatform *self, const char *remote_id, const char *action, const char *reason, const ComptoirMutation *mutation, GTask *task);
  void (*refund_order)     (ComptoirPlatform *self, const char *remote_id, const char * const *line_ids, const guint *quantities, const char *reason, const ComptoirMutation *mutation, GTask *task);
  void (*list_payouts)     (ComptoirPlatform *self, const char *cursor, const char *updated_since, GTask *task);
  void (*get_moderation)   (ComptoirPlatform *self, GTask *task);
};

/* Discovery and construction */
void                  comptoir_platform_discover_async       (const char             *url,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
ComptoirPlatformInfo *comptoir_platform_discover_finish      (GAsyncResult           *result,
                                                              GError                **error);
ComptoirPlatform     *comptoir_platform_new_for_account      (ComptoirStore          *store,
                                                              ComptoirAccount        *account);

gint64                comptoir_platform_get_account_id       (ComptoirPlatform       *self);
const char           *comptoir_platform_get_base_url         (ComptoirPlatform       *self);
void                  comptoir_platform_set_page_size        (ComptoirPlatform       *self,
                                                              guint                   page_size);

/* Accounts: connect (sign in, keep the secret in the keyring, remember the
 * account), sign out (revoke, delete the secret) and remove. */
void                  comptoir_platform_connect_async        (ComptoirStore          *store,
                                                              const ComptoirPlatformInfo *info,
                                                              const char             *login,
                                                              const char             *secret,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
ComptoirAccount      *comptoir_platform_connect_finish       (GAsyncResult           *result,
                                                              GError                **error);
void                  comptoir_platform_sign_out_account_async (ComptoirStore        *store,
                                                              ComptoirAccount        *account,
                                                              gboolean                remove,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean              comptoir_platform_sign_out_account_finish (GAsyncResult        *result,
                                                              GError                **error);

/* Operations */
void                  comptoir_platform_sign_in_async        (ComptoirPlatform       *self,
                                                              const char             *login,
                                                              const char             *secret,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_sign_out_async       (ComptoirPlatform       *self,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_push_shop_async      (ComptoirPlatform       *self,
                                                              ComptoirShop           *shop,
                                                              const char             *media_base_url,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_upload_media_async   (ComptoirPlatform       *self,
                                                              GBytes                 *bytes,
                                                              const char             *content_type,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_create_product_async (ComptoirPlatform       *self,
                                                              ComptoirProduct        *product,
                                                              const char * const     *media,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_update_product_async (ComptoirPlatform       *self,
                                                              const char             *remote_id,
                                                              ComptoirProduct        *product,
                                                              const char * const     *media,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_delete_product_async (ComptoirPlatform       *self,
                                                              const char             *remote_id,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_list_products_async  (ComptoirPlatform       *self,
                                                              const char             *cursor,
                                                              const char             *updated_since,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_list_orders_async    (ComptoirPlatform       *self,
                                                              const char             *cursor,
                                                              const char             *updated_since,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_transition_order_async (ComptoirPlatform     *self,
                                                              const char             *remote_id,
                                                              const char             *action,
                                                              const char             *reason,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_refund_order_async   (ComptoirPlatform       *self,
                                                              const char             *remote_id,
                                                              const char * const     *line_ids,
                                                              const guint            *quantities,
                                                              const char             *reason,
                                                              const ComptoirMutation *mutation,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_list_payouts_async   (ComptoirPlatform       *self,
                                                              const char             *cursor,
                                                              const char             *updated_since,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
void                  comptoir_platform_get_moderation_async (ComptoirPlatform       *self,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);

/* Finishing: by what the operation returns. */
gboolean              comptoir_platform_finish_boolean       (ComptoirPlatform       *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);
ComptoirRemoteObject *comptoir_platform_finish_remote        (ComptoirPlatform       *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);
ComptoirPage         *comptoir_platform_finish_page          (ComptoirPlatform       *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);
ComptoirOrder        *comptoir_platform_finish_order         (ComptoirPlatform       *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);
ComptoirModeration   *comptoir_platform_finish_moderation    (ComptoirPlatform       *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);

G_END_DECLS

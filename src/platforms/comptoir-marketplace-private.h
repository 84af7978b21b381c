// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* What the marketplace connector's files share: comptoir-marketplace.c
 * (the class, sign-in and tokens, the shop profile, pushes with
 * pictures), comptoir-marketplace-products.c and
 * comptoir-marketplace-orders.c (orders, refunds and payouts). Only they
 * include this. */

#include "comptoir-connector-private.h"

G_BEGIN_DECLS

#define MAX_ID 64
#define MAX_MONEY G_GINT64_CONSTANT (100000000000) /* a billion euros */

/* A push that first uploads its pictures: the shop's logo and cover, a
 * product's photos. The mutation is copied: the caller's may be gone by
 * the time the uploads are done. */
typedef struct
{
  char            *method;
  char            *url;
  char            *idempotency_key;
  gint64           if_match;
  ComptoirShop    *shop;
  ComptoirProduct *product;
  gboolean         has_logo;
} ComptoirMarketplacePush;

ComptoirMarketplacePush *comptoir_marketplace_push_new    (const char             *method,
                                                        char                   *url,
                                                        const ComptoirMutation *mutation);
void      comptoir_marketplace_push_free               (ComptoirMarketplacePush *data);
void      comptoir_marketplace_push_pictures_cb        (GObject                *source,
                                                        GAsyncResult           *result,
                                                        gpointer                user_data);

ComptoirRemoteObject *comptoir_marketplace_parse_remote (JsonObject            *object,
                                                        ComptoirHttpResponse   *response,
                                                        GError                **error);
gpointer  comptoir_marketplace_parse_remote_response   (ComptoirConnector      *self,
                                                        ComptoirHttpResponse   *response,
                                                        GError                **error);
void      comptoir_marketplace_set_nullable_string     (JsonObject             *object,
                                                        const char             *member,
                                                        const char             *value);
JsonObject *comptoir_marketplace_product_input         (ComptoirProduct        *product,
                                                        const char * const     *media);

void      comptoir_marketplace_products_iface_init     (ComptoirPlatformInterface *iface);
void      comptoir_marketplace_orders_iface_init       (ComptoirPlatformInterface *iface);

G_END_DECLS

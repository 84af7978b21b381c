// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

/* A connected platform account. Nothing secret here: tokens and API keys
 * live in the keyring (src/platforms/comptoir-secrets.h). */

#define COMPTOIR_TYPE_ACCOUNT (comptoir_account_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirAccount, comptoir_account, COMPTOIR, ACCOUNT, GObject)

ComptoirAccount *comptoir_account_new                 (void);
gint64           comptoir_account_get_id              (ComptoirAccount *self);
const char      *comptoir_account_get_kind            (ComptoirAccount *self);
void             comptoir_account_set_kind            (ComptoirAccount *self,
                                                       const char      *kind);
const char      *comptoir_account_get_base_url        (ComptoirAccount *self);
void             comptoir_account_set_base_url        (ComptoirAccount *self,
                                                       const char      *base_url);
const char      *comptoir_account_get_platform_name   (ComptoirAccount *self);
void             comptoir_account_set_platform_name   (ComptoirAccount *self,
                                                       const char      *name);
const char      *comptoir_account_get_login           (ComptoirAccount *self);
void             comptoir_account_set_login           (ComptoirAccount *self,
                                                       const char      *login);
int              comptoir_account_get_commission_rate (ComptoirAccount *self);
void             comptoir_account_set_commission_rate (ComptoirAccount *self,
                                                       int              basis_points);
gboolean         comptoir_account_get_signed_in       (ComptoirAccount *self);
void             comptoir_account_set_signed_in       (ComptoirAccount *self,
                                                       gboolean         signed_in);

gboolean         comptoir_account_save                (ComptoirStore   *store,
                                                       ComptoirAccount *account,
                                                       gboolean        *created,
                                                       GError         **error);
gboolean         comptoir_account_update_signed_in    (ComptoirStore   *store,
                                                       gint64           id,
                                                       gboolean         signed_in,
                                                       GError         **error);
gboolean         comptoir_account_delete              (ComptoirStore   *store,
                                                       gint64           id,
                                                       GError         **error);
ComptoirAccount *comptoir_account_load                (ComptoirStore   *store,
                                                       gint64           id,
                                                       GError         **error);
GListModel      *comptoir_account_list                (ComptoirStore   *store,
                                                       GError         **error);

G_END_DECLS

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_CONNECT_DIALOG (comptoir_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirConnectDialog, comptoir_connect_dialog, COMPTOIR, CONNECT_DIALOG, AdwWindow)

ComptoirConnectDialog *comptoir_connect_dialog_new          (GtkWindow     *parent,
                                                             ComptoirStore *store,
                                                             const char    *address);
char                  *comptoir_format_commission           (int            basis_points);

G_END_DECLS

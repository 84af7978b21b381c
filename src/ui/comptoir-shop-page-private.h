// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Shared between comptoir-shop-page.c (saving, undo, checklist, export)
 * and comptoir-shop-page-editor.c (the fields and their loading). */

#include <adwaita.h>

#include "comptoir-hours-editor.h"
#include "comptoir-shop-page.h"
#include "comptoir-shop-preview.h"

G_BEGIN_DECLS

#define N_SOCIAL_FIELDS 3

typedef gboolean (*Validator) (const char *text, char **out_normalized, GError **error);

typedef struct
{
  const char      *property;
  const char      *name;
  const char      *title;
  Validator        validate;
  GtkInputPurpose  purpose;
} TextFieldInfo;

typedef struct
{
  ComptoirShopPage    *self;
  const TextFieldInfo *info;
  GtkEditable         *entry;
  GtkWidget           *error_row;
  GtkLabel            *error_label;
} TextField;

struct _ComptoirShopPage
{
  GtkWidget            parent_instance;

  ComptoirStore       *store;
  ComptoirShop        *shop;
  ComptoirShop        *saved;      /* as last written to the store */
  GHashTable          *pending;    /* property names changed since */
  GQueue               undo;       /* UndoEntry, last on top */
  guint                save_id;
  guint                clock_id;
  guint                checklist_id;
  guint                folded_id;
  gboolean             loading;
  gboolean             filled;     /* the editor shows self->shop */
  gboolean             complete;   /* every group below Identity is built */
  guint                n_first_fields; /* self->fields built with Identity */
  guint                complete_id;
  GdkFrameClock       *paint_clock;
  gulong               paint_id;
  guint                scroll_tick_id;
  char                *export_uri;
  GFile               *exporting;  /* the file being written, or NULL */

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *save_status;
  GtkToggleButton     *preview_toggle;
  GtkSpinner          *export_spinner;
  AdwLeaflet          *leaflet;
  GtkScrolledWindow   *scrolled;
  GtkBox              *editor_box;
  ComptoirShopPreview *preview;

  AdwPreferencesGroup *checklist_group;
  GtkLabel            *checklist_left;
  GtkBox              *trouble_box;    /* a platform refused the page: built when needed */
  gulong               store_changed_id;
  guint                trouble_id;
  char                *trouble_shown;  /* what the note says now */
  GPtrArray           *checklist_rows;
  gboolean             checklist_connected;
  GPtrArray           *fields;     /* TextField */
  TextField           *social[N_SOCIAL_FIELDS];
  GtkTextView         *description;
  AdwComboRow         *category;
  AdwActionRow        *photo_rows[2];    /* logo, cover */
  GtkPicture          *photo_pictures[2];
  GtkWidget           *photo_choose[2];
  GtkWidget           *photo_remove[2];
  GCancellable        *cancellable;
  AdwActionRow        *status_row;
  ComptoirHoursEditor *hours_editor;
  GtkSwitch           *collect_switch;
  AdwExpanderRow      *delivery_row;
  GtkEditable         *communes;
  GtkSpinButton       *radius;
  TextField           *fee;
  TextField           *free_above;
  GtkSwitch           *shipping_switch;
  GPtrArray           *payment_checks; /* GtkCheckButton, in comptoir_shop_payment_method_ids() order */
};

void       comptoir_shop_page_build_editor      (ComptoirShopPage *self);
void       comptoir_shop_page_ensure_complete   (ComptoirShopPage *self);
void       comptoir_shop_page_load_property     (ComptoirShopPage *self,
                                                 const char       *property);
TextField *comptoir_shop_page_find_field        (ComptoirShopPage *self,
                                                 const char       *property);
void       comptoir_shop_page_set_row_title     (gpointer          row,
                                                 const char       *title);
void       comptoir_shop_page_update_status     (ComptoirShopPage *self);
void       comptoir_shop_page_show_toast        (ComptoirShopPage *self,
                                                 const char       *text);
void       comptoir_shop_page_add_photo_rows    (ComptoirShopPage *self,
                                                 GtkWidget        *group);
void       comptoir_shop_page_load_photos       (ComptoirShopPage *self);
void       comptoir_shop_page_rebuild_checklist (ComptoirShopPage *self);

G_END_DECLS

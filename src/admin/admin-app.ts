/** The part of Strapi's admin app the app's own pages register with. */
export interface AdminApp {
  addMenuLink(link: {
    to: string;
    icon: React.ElementType;
    intlLabel: { id: string; defaultMessage: string };
    permissions: Array<{ action: string; subject?: string | null }>;
    Component: () => Promise<{ default: React.ComponentType }>;
  }): void;
}

import type { Locator, Page } from "@playwright/test";

/** Page object for the stories page: one section per lifecycle story. */
export class StoriesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/stories");
  }

  story(name: string): Locator {
    return this.page.locator(`section[data-story="${name}"]`);
  }

  timeline(name: string): Locator {
    return this.story(name).getByRole("img", { name: /^Timeline of / });
  }

  status(name: string): Locator {
    return this.story(name).getByTestId("kubectl-status");
  }
}

import type { ContactRepository } from '../store/contact-repository.ts';
import type { AddContactDependencies } from './add-contact.ts';
import type { ContactChangeDependencies } from './apply-contact-change.ts';
import type { RemoveContactDependencies } from './remove-contact.ts';

/** Everything the contact use cases need together, plus listing: what the API, pages, CLI and links are given. */
export type ContactActionDependencies = AddContactDependencies &
  ContactChangeDependencies &
  RemoveContactDependencies & { readonly contacts: Pick<ContactRepository, 'listForUser'> };

import { ApiClient } from './client';
import { endpoints } from './endpoints';

/** The app's one client; pages use `api`, sockets use `client.socketUrl`. */
export const client = new ApiClient();
export const api = endpoints(client);

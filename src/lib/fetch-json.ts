/**
 * Fetches and parses a JSON file, rejecting with the URL and HTTP status when the server refuses.
 * The result is `any` like `Response.json()`: each caller validates the shape it expects.
 */
export async function fetchJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

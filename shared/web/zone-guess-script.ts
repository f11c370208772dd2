/*
 * The one script of the pages: on the sign-up confirmation, it selects the browser's own time zone in
 * the time zone field (adding it when the short list lacks it), so a new account starts in the
 * reader's time. Without script the field keeps its server-side guess, which the person sees and can
 * change. The CSP allows exactly this text by its hash (middleware/security-headers.ts), nothing else.
 */
export const zoneGuessScript =
  "(function(){var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}var s=document.getElementById('timeZone');if(!z||!s)return;for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.value=z;s.setAttribute('data-guessed','browser');return}}var o=document.createElement('option');o.value=z;o.textContent=z.replace(/_/g,' ');s.insertBefore(o,s.firstChild);s.value=z;s.setAttribute('data-guessed','browser')})();";

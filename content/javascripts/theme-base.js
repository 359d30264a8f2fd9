/* The theme's own start-up script (mkdocs-material partials/javascripts/base.html), as a file: the scope comes
   from this script element's data-scope, where the theme wrote it into the page. One change: where the browser
   refuses storage (its settings, some private windows), the theme remembers in memory instead of failing. */
var __md_storage=function(){try{return localStorage.getItem("__md_probe"),localStorage}catch(e){var m={};return{getItem:function(k){return k in m?m[k]:null},setItem:function(k,v){m[k]=String(v)},removeItem:function(k){delete m[k]}}}}();
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=__md_storage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=__md_storage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
